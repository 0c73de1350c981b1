package dev.xanthus.api.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.kv.KvKeys;
import dev.xanthus.core.testing.MutableClock;
import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import dev.xanthus.sandbox.cloudflare.CloudflareSimulator;
import dev.xanthus.sandbox.releases.ReleasesSimulator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One Cloudflare simulator, one releases simulator and one movable clock for the API tests, wired into the Spring context before refresh
 * (the same seam the local stack uses to hand its configuration over).
 */
public final class CloudflareSandbox implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String SECOND_ACCOUNT = "5a4db0c0000000000000000000000002";
    public static final String THIRD_ACCOUNT = "5a4db0c0000000000000000000000003";
    /** An account only the KV budget tests use, so the records they seed stay out of every other test's lists. */
    public static final String KV_BUDGET_ACCOUNT = "5a4db0c0000000000000000000000004";
    /**
     * A zone only SpecConformanceIT configures: the integration tests share this simulator in one JVM, and the apps
     * tests leave example.org marked managed, which a configure answers 409.
     */
    public static final String CONFORMANCE_ZONE = "conformance.example";

    public static final CloudflareSimulator SIM = CloudflareSimulator.start(CloudflareSimConfig.defaults()
            .withPort(0)
            .withAccounts(List.of(
                    new CloudflareSimConfig.Account(CloudflareSimConfig.SANDBOX_ACCOUNT_ID, "Sandbox account"),
                    new CloudflareSimConfig.Account(SECOND_ACCOUNT, "Second account"),
                    new CloudflareSimConfig.Account(THIRD_ACCOUNT, "Third account"),
                    new CloudflareSimConfig.Account(KV_BUDGET_ACCOUNT, "KV budget account")))
            .withZones(List.of("example.com", "example.org", CONFORMANCE_ZONE)));
    public static final ReleasesSimulator RELEASES = ReleasesSimulator.start("127.0.0.1", 0);
    public static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private static final Map<String, String> ENV = new HashMap<>();

    public static synchronized Map<String, String> env() {
        if (ENV.isEmpty()) {
            ENV.putAll(dev.xanthus.core.testing.LocalDynamo.env());
            ENV.put("CLOUDFLARE_API_BASE", SIM.baseUri().toString());
            ENV.put("GITHUB_API_BASE", RELEASES.githubApi());
            ENV.put("HELM_INDEX_MIRROR", RELEASES.helmMirror());
            // The tests share one dynalite, which a hundred parallel requests queue up behind on a busy 2-core machine;
            // StoreOutageIT keeps the production bound, as an outage is its subject.
            ENV.put("DYNAMODB_CALL_TIMEOUT", "PT10S");
        }
        return ENV;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getBeanFactory().registerSingleton("appConfig", AppConfig.from(env()));
        context.getBeanFactory().registerSingleton("clock", CLOCK);
    }

    /**
     * Marks {@code domain} managed in the sandbox account's namespace the way a finished configure leaves it (its
     * {@code domain:<d>:ssl_config} record, with a self-signed certificate), for tests about what comes after: app
     * deploys need a managed domain, not the configure saga itself.
     */
    public static void manageDomainDirectly(String namespaceId, String domain) throws Exception {
        String[] pem = TestCertificates.selfSigned(domain);
        SIM.putKvValues(
                CloudflareSimConfig.SANDBOX_ACCOUNT_ID,
                namespaceId,
                Map.of(
                        KvKeys.domainConfig(domain),
                        new ObjectMapper()
                                .writeValueAsString(Map.of(
                                        "domain",
                                        domain,
                                        "zone_id",
                                        SIM.zoneId(domain),
                                        "certificate_id",
                                        "test",
                                        "certificate",
                                        pem[0],
                                        "private_key",
                                        pem[1],
                                        "ssl_mode",
                                        "strict"))));
    }
}
