package dev.xanthus.api.dns;

import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.dns.OriginCaRoot;
import dev.xanthus.core.testing.LocalDynamo;
import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import dev.xanthus.sandbox.cloudflare.CloudflareSimulator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Cloudflare simulator with {@link #ZONE_COUNT} zones listed {@link #PER_PAGE} a page, and an Origin CA root that a
 * test can make unavailable (the fault of configure step 3), wired into the Spring context before refresh.
 */
public final class DomainsSandbox implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final int ZONE_COUNT = 64;
    public static final int PER_PAGE = 25;
    public static final CloudflareSimulator SIM = CloudflareSimulator.start(CloudflareSimConfig.defaults()
            .withPort(0)
            .withZones(IntStream.rangeClosed(1, ZONE_COUNT)
                    .mapToObj(DomainsSandbox::zone)
                    .toList())
            .withMaxPerPage(PER_PAGE));
    public static final SwitchableRoot ROOT = new SwitchableRoot(SIM.originCaCertificatePem());

    /** The n-th zone's name: {@code zone-01.example} … */
    public static String zone(int n) {
        return String.format("zone-%02d.example", n);
    }

    /**
     * The simulator's root; failing on use while {@link #fail} is set (a step-3 failure), or known to be missing
     * while {@link #missing} is set (as in real mode without the bundled root).
     */
    public static final class SwitchableRoot implements OriginCaRoot {
        private final OriginCaRoot root;
        public volatile boolean fail;
        public volatile boolean missing;

        SwitchableRoot(String pem) {
            this.root = OriginCaRoot.of(pem);
        }

        @Override
        public String pem() {
            if (fail) {
                throw new Unavailable("test: the root is switched off");
            }
            return root.pem();
        }

        @Override
        public java.util.Optional<String> unavailableReason() {
            return missing ? java.util.Optional.of("test: no root bundled") : java.util.Optional.empty();
        }

        @Override
        public java.util.Optional<java.time.Instant> notAfter() {
            return root.notAfter();
        }
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, String> env = new HashMap<>(LocalDynamo.env());
        env.put("CLOUDFLARE_API_BASE", SIM.baseUri().toString());
        context.getBeanFactory().registerSingleton("appConfig", AppConfig.from(env));
        context.getBeanFactory().registerSingleton("originCaRoot", ROOT);
    }

    static List<String> zones() {
        return IntStream.rangeClosed(1, ZONE_COUNT)
                .mapToObj(DomainsSandbox::zone)
                .toList();
    }
}
