package dev.xanthus.local;

import dev.xanthus.api.function.AllFunctions;
import dev.xanthus.core.auth.ValidationCache;
import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.crypto.DataKeys;
import dev.xanthus.core.crypto.SecretBox;
import dev.xanthus.core.dns.OriginCaRoot;
import dev.xanthus.core.dynamo.Dynamo;
import dev.xanthus.core.dynamo.TableSetup;
import dev.xanthus.core.terminal.TerminalSessionRepository;
import dev.xanthus.core.terminal.TicketRepository;
import dev.xanthus.relay.LocalRecordingStore;
import dev.xanthus.relay.RelayConfig;
import dev.xanthus.relay.TerminalRelay;
import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import dev.xanthus.sandbox.cloudflare.CloudflareSimulator;
import dev.xanthus.sandbox.dynamo.SupervisedDynalite;
import dev.xanthus.sandbox.hetzner.HetznerSimulator;
import dev.xanthus.sandbox.oci.OciSimulator;
import dev.xanthus.sandbox.oci.SandboxKey;
import dev.xanthus.sandbox.releases.ReleasesSimulator;
import dev.xanthus.sandbox.ssh.SandboxServers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The local stack in one process: dynalite (persisting under the state folder), the Cloudflare, Hetzner and OCI
 * simulators (sandbox servers reachable over real SSH), then the API with every route group on one port, serving the
 * built frontend at {@code /} when there is one. Everything binds to loopback, and
 * everything it started stops with it.
 */
public final class LocalStack implements AutoCloseable {

    public static final String TABLE_NAME = "xanthus";
    /** How long Tomcat waits for a request's bytes (and keeps an idle keep-alive connection). */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);

    private final List<AutoCloseable> parts;
    private final CloudflareSimulator cloudflare;
    private final HetznerSimulator hetzner;
    private final OciSimulator oci;
    private final String url;

    private LocalStack(
            List<AutoCloseable> parts,
            CloudflareSimulator cloudflare,
            HetznerSimulator hetzner,
            OciSimulator oci,
            String url) {
        this.parts = parts;
        this.cloudflare = cloudflare;
        this.hetzner = hetzner;
        this.oci = oci;
        this.url = url;
    }

    public static void main(String[] args) {
        LocalStack stack;
        try {
            stack = start(LocalSettings.from(System.getenv()));
        } catch (LocalStackException e) {
            System.err.println("xanthus: " + e.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            // One paragraph a newcomer can act on; the stack trace helps nobody at a console (XANTHUS_DEBUG=1 shows
            // it).
            System.err.println("xanthus: the local stack could not start: " + rootMessage(e));
            if (System.getenv("XANTHUS_DEBUG") != null) {
                org.slf4j.LoggerFactory.getLogger(LocalStack.class).error("the local stack could not start", e);
            }
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "xanthus-shutdown"));
        System.out.println();
        System.out.println("Xanthus is running at " + stack.url() + "  ("
                + (stack.cloudflare != null ? "sandbox" : "real") + " mode; Ctrl-C stops everything)");
        if (stack.cloudflare != null) {
            System.out.println("  sign in with the sandbox Cloudflare token  " + CloudflareSimConfig.SANDBOX_TOKEN);
            System.out.println(
                    "  or the account-owned sandbox token         " + CloudflareSimConfig.SANDBOX_ACCOUNT_TOKEN);
            System.out.println("  sandbox Hetzner API key                    " + HetznerSimulator.DEFAULT_TOKEN);
            Path ociKeys = stack.oci.keyDir().orElseThrow();
            System.out.println("  sandbox OCI credentials (OCI CLI config)   " + ociKeys.resolve(SandboxKey.CONFIG_FILE)
                    + "  (private key " + ociKeys.resolve(SandboxKey.PRIVATE_KEY_FILE) + ")");
            System.out.println("  simulators: Cloudflare " + stack.cloudflare.baseUri() + ", Hetzner "
                    + stack.hetzner.baseUri() + ", OCI " + stack.oci.baseUri());
        }
        System.out.println();
    }

    /** The innermost cause's message (Spring wraps a bean's own failure several times over). */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    public static LocalStack start(LocalSettings settings) {
        Ports.requireFree(settings.host(), settings.apiPort(), "XANTHUS_API_PORT");
        Ports.requireFree(settings.host(), settings.relayPort(), "XANTHUS_RELAY_PORT");
        Ports.requireFree(settings.host(), settings.dynamoPort(), "XANTHUS_DYNAMO_PORT");
        if (settings.sandbox()) {
            Ports.requireFree(settings.host(), settings.cloudflarePort(), "XANTHUS_CLOUDFLARE_PORT");
            Ports.requireFree(settings.host(), settings.hetznerPort(), "XANTHUS_HETZNER_PORT");
            Ports.requireFree(settings.host(), settings.releasesPort(), "XANTHUS_RELEASES_PORT");
            Ports.requireFree(settings.host(), settings.ociPort(), "XANTHUS_OCI_PORT");
        }
        StateDir state = new StateDir(settings.stateDir());

        // Started in order, closed in reverse: the API first, the simulators and DynamoDB last.
        Deque<AutoCloseable> parts = new ArrayDeque<>();
        try {
            // Supervised: if dynalite dies the API answers 503 STORE_UNAVAILABLE until it is back, data and all.
            SupervisedDynalite dynalite = SupervisedDynalite.start(
                    settings.host(), settings.dynamoPort(), state.dynamoData(), System.out::println);
            parts.push(dynalite);
            Map<String, String> env = new LinkedHashMap<>();
            CloudflareSimulator cloudflare = null;
            HetznerSimulator hetzner = null;
            OciSimulator oci = null;
            if (settings.sandbox()) {
                cloudflare =
                        CloudflareSimulator.start(CloudflareSimConfig.defaults().withPort(settings.cloudflarePort()));
                parts.push(cloudflare);
                hetzner = HetznerSimulator.start(HetznerSimulator.Config.defaults()
                        .withPort(settings.hetznerPort())
                        .withSandbox(SandboxServers.Config.defaults().withStateDir(state.sandboxServers())));
                parts.push(hetzner);
                env.put("CLOUDFLARE_API_BASE", cloudflare.baseUri().toString());
                env.put("HETZNER_API_BASE", hetzner.baseUri().toString());
                oci = OciSimulator.start(OciSimulator.Config.defaults()
                        .withPort(settings.ociPort())
                        .withKeyDir(state.ociSandbox())
                        .withSandbox(SandboxServers.Config.defaults().withStateDir(state.ociSandboxServers())));
                parts.push(oci);
                env.put("OCI_API_BASE", oci.baseUri().toString());
                ReleasesSimulator releases = ReleasesSimulator.start(settings.host(), settings.releasesPort());
                parts.push(releases);
                env.put("GITHUB_API_BASE", releases.githubApi());
                env.put("HELM_INDEX_MIRROR", releases.helmMirror());
            }
            if (!settings.sandbox()) {
                env.putAll(settings.providerBases());
            }
            env.put("XANTHUS_MODE", settings.sandbox() ? "sandbox" : "real");
            env.put("AWS_REGION", "us-east-1");
            env.put("DYNAMODB_ENDPOINT", dynalite.endpoint());
            env.put("TABLE_NAME", TABLE_NAME);
            env.put("JWT_PRIVATE_JWK", state.jwtPrivateJwk());
            env.put("DATA_KEY", state.dataKey());
            String origins = "http://127.0.0.1:" + settings.apiPort() + ",http://localhost:" + settings.apiPort();
            env.put("ALLOWED_ORIGINS", origins);
            env.put("RECORDINGS_DIR", state.recordings().toString());
            DynamoDbClient dynamo = Dynamo.client(AppConfig.from(env));
            parts.push(dynamo);
            TableSetup.ensure(dynamo, TABLE_NAME);
            if (settings.sandbox()) {
                // The simulators start empty: a validation cached before this start names a namespace that is gone, and
                // signing in would hand it out again for ten minutes.
                int forgotten = ValidationCache.clearAll(dynamo, TABLE_NAME);
                if (forgotten > 0) {
                    System.out.println("xanthus: sandbox simulators start empty; forgot " + forgotten
                            + " cached sign-in(s), sign in again");
                }
            }

            // The relay binds first so the API can hand out its real address (port 0 picks a free one in tests).
            AppConfig relayView = AppConfig.from(env);
            SecretBox box = DataKeys.secretBox(relayView);
            Clock clock = Clock.systemUTC();
            TerminalRelay relay = new TerminalRelay(
                    RelayConfig.from(Map.of(
                            "RELAY_HOST",
                            settings.host(),
                            "RELAY_PORT",
                            Integer.toString(settings.relayPort()),
                            "RELAY_ALLOWED_ORIGINS",
                            origins,
                            "RELAY_RECORDINGS_DIR",
                            state.recordings().toString())),
                    new TicketRepository(dynamo, TABLE_NAME, box, clock),
                    new TerminalSessionRepository(dynamo, TABLE_NAME, clock),
                    new LocalRecordingStore(state.recordings()));
            parts.push(relay);
            int relayPort;
            try {
                relayPort = relay.start();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalStackException("interrupted while starting the terminal relay");
            }
            env.put("RELAY_PUBLIC_URL", "ws://" + settings.host() + ":" + relayPort + "/ws");
            SiteSecurity security =
                    SiteSecurity.of(settings.frontendDir(), "ws://" + settings.host() + ":" + relayPort);
            AppConfig config = AppConfig.from(env);

            CloudflareSimulator cloudflareSim = cloudflare;
            HetznerSimulator hetznerSim = hetzner;
            OciSimulator ociSim = oci;
            SpringApplicationBuilder builder = new SpringApplicationBuilder(LocalWeb.class)
                    .web(WebApplicationType.SERVLET)
                    .initializers(ctx -> {
                        ctx.getBeanFactory().registerSingleton("appConfig", config);
                        ctx.getBeanFactory().registerSingleton("siteSecurity", security);
                        if (cloudflareSim != null) {
                            // Sandbox certificates chain to the simulator's root, so that is the root appended to them.
                            ctx.getBeanFactory()
                                    .registerSingleton(
                                            "originCaRoot", OriginCaRoot.of(cloudflareSim.originCaCertificatePem()));
                            ctx.getBeanFactory()
                                    .registerSingleton(
                                            "sshAddressResolver", new SandboxSshAddresses(hetznerSim, ociSim));
                        }
                    })
                    .properties(Map.of(
                            "server.address", settings.host(),
                            "server.port", Integer.toString(settings.apiPort()),
                            "server.shutdown", "immediate",
                            // a client's malformed request line is answered 400; Tomcat would also log it with a stack
                            // trace
                            "logging.level.org.apache.coyote.http11.Http11Processor", "WARN",
                            // main() says why in one paragraph; Spring's own report is a stack trace in a JSON line
                            "logging.level.org.springframework.boot.SpringApplication", "OFF",
                            "logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter",
                                    "OFF"));
            if (FrontendConfig.available(settings.frontendDir())) {
                builder.initializers(ctx ->
                        ctx.getBeanFactory().registerSingleton("frontend", new FrontendConfig(settings.frontendDir())));
            }
            ConfigurableApplicationContext api = builder.run();
            parts.push(api);
            int port = ((ServletWebServerApplicationContext) api).getWebServer().getPort();
            return new LocalStack(
                    List.copyOf(parts), cloudflare, hetzner, oci, "http://" + settings.host() + ":" + port);
        } catch (RuntimeException e) {
            closeAll(parts);
            throw e;
        }
    }

    private static void closeAll(Iterable<AutoCloseable> parts) {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                System.err.println(
                        "xanthus: while stopping " + part.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    public String url() {
        return url;
    }

    /** The Cloudflare simulator in sandbox mode; empty in real mode. */
    public Optional<CloudflareSimulator> cloudflare() {
        return Optional.ofNullable(cloudflare);
    }

    /** The Hetzner simulator in sandbox mode; empty in real mode. */
    public Optional<HetznerSimulator> hetzner() {
        return Optional.ofNullable(hetzner);
    }

    /** The OCI simulator in sandbox mode; empty in real mode. */
    public Optional<OciSimulator> oci() {
        return Optional.ofNullable(oci);
    }

    @Override
    public void close() {
        closeAll(parts);
    }

    /** The API with every route group, on an embedded Tomcat. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ServletWebServerFactoryAutoConfiguration.class)
    @Import(AllFunctions.class)
    static class LocalWeb {

        @Bean
        FilterRegistrationBean<OncePerRequestFilter> securityHeaders(SiteSecurity siteSecurity) {
            FilterRegistrationBean<OncePerRequestFilter> registration =
                    new FilterRegistrationBean<>(siteSecurity.filter());
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonTomcatErrors(SiteSecurity siteSecurity) {
            return siteSecurity.tomcat();
        }

        /**
         * Tomcat's default holds a silent or half-sent request (and an idle keep-alive connection) 60 s (issue 19); here
         * 10 s, the relay's pre-auth bound too. Set on the connector: only the web server factory's auto-configuration is
         * imported, so {@code server.tomcat.*} properties would not be applied.
         */
        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> boundedConnectionTimeout() {
            return factory -> factory.addConnectorCustomizers(connector ->
                    connector.setProperty("connectionTimeout", Long.toString(CONNECTION_TIMEOUT.toMillis())));
        }
    }
}
