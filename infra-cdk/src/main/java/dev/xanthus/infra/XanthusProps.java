package dev.xanthus.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import software.constructs.Node;

/**
 * Everything the stack can be configured with, read from CDK context ({@code cdk.json} or {@code -c key=value}).
 * Paths are relative to the directory {@code cdk} runs in ({@code infra-cdk/}).
 *
 * @param lambdaJar the shaded functions jar ({@code xanthus:lambdaJar})
 * @param relayDockerDir the relay's Docker build context holding {@code Dockerfile} ({@code xanthus:relayDockerDir})
 * @param relayImage a registry image used instead of building the relay ({@code xanthus:relayImage})
 * @param siteDir the built static site; skipped when absent ({@code xanthus:siteDir})
 * @param siteFallback the SPA fallback page extension-less paths are served ({@code xanthus:siteFallback})
 * @param domainName the site's custom domain, e.g. {@code xanthus.example.com} ({@code xanthus:domainName})
 * @param certificateArn ACM certificate in us-east-1 covering {@code domainName} ({@code xanthus:certificateArn})
 * @param relayOriginDomain a name pointing at the relay's load balancer ({@code xanthus:relayOriginDomain})
 * @param relayCertificateArn ACM certificate in the stack's region for it ({@code xanthus:relayCertificateArn})
 */
public record XanthusProps(
        Path lambdaJar,
        Path relayDockerDir,
        Optional<String> relayImage,
        Path siteDir,
        String siteFallback,
        Optional<String> domainName,
        Optional<String> certificateArn,
        Optional<String> relayOriginDomain,
        Optional<String> relayCertificateArn,
        String mode,
        int functionMemoryMb,
        int logRetentionDays,
        int throttleRatePerSecond,
        int throttleBurst,
        int relayCpu,
        int relayMemoryMb,
        int relayMinTasks,
        int relayMaxTasks) {

    public static final String PREFIX = "xanthus:";

    public XanthusProps {
        if (domainName.isPresent() != certificateArn.isPresent()) {
            throw new IllegalArgumentException(PREFIX + "domainName and " + PREFIX + "certificateArn go together");
        }
        if (relayOriginDomain.isPresent() != relayCertificateArn.isPresent()) {
            throw new IllegalArgumentException(
                    PREFIX + "relayOriginDomain and " + PREFIX + "relayCertificateArn go together");
        }
        if (relayMinTasks < 1 || relayMaxTasks < relayMinTasks) {
            throw new IllegalArgumentException("need 1 <= relayMinTasks <= relayMaxTasks");
        }
    }

    /** The defaults, for a checkout where {@code cdk} runs in {@code infra-cdk/}. */
    public static XanthusProps defaults() {
        return fromContext(key -> null);
    }

    public static XanthusProps fromContext(Node node) {
        return fromContext(key -> {
            Object v = node.tryGetContext(PREFIX + key);
            return v == null ? null : v.toString();
        });
    }

    static XanthusProps fromContext(Function<String, String> ctx) {
        Function<String, Optional<String>> opt =
                k -> Optional.ofNullable(ctx.apply(k)).filter(s -> !s.isBlank());
        Function<String, Integer> num = k -> opt.apply(k).map(Integer::parseInt).orElse(null);
        return new XanthusProps(
                Path.of(opt.apply("lambdaJar")
                        .orElse("../functions/api/target/xanthus-api-" + version() + "-lambda.jar")),
                Path.of(opt.apply("relayDockerDir").orElse("../terminal-relay")),
                opt.apply("relayImage"),
                Path.of(opt.apply("siteDir").orElse("../frontend/build")),
                opt.apply("siteFallback").orElse("index.html"),
                opt.apply("domainName"),
                opt.apply("certificateArn"),
                opt.apply("relayOriginDomain"),
                opt.apply("relayCertificateArn"),
                opt.apply("mode").orElse("real"),
                orElse(num.apply("functionMemoryMb"), 1024),
                orElse(num.apply("logRetentionDays"), 30),
                orElse(num.apply("throttleRatePerSecond"), 50),
                orElse(num.apply("throttleBurst"), 100),
                orElse(num.apply("relayCpu"), 256),
                orElse(num.apply("relayMemoryMb"), 512),
                orElse(num.apply("relayMinTasks"), 1),
                orElse(num.apply("relayMaxTasks"), 4));
    }

    /** The project version this module was built with; the Lambda jar's file name carries it. */
    public static String version() {
        try (InputStream in = XanthusProps.class.getResourceAsStream("/xanthus-infra.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public XanthusProps withPaths(Path lambdaJar, Path relayDockerDir, Path siteDir) {
        return new XanthusProps(
                lambdaJar,
                relayDockerDir,
                relayImage,
                siteDir,
                siteFallback,
                domainName,
                certificateArn,
                relayOriginDomain,
                relayCertificateArn,
                mode,
                functionMemoryMb,
                logRetentionDays,
                throttleRatePerSecond,
                throttleBurst,
                relayCpu,
                relayMemoryMb,
                relayMinTasks,
                relayMaxTasks);
    }

    private static int orElse(Integer v, int fallback) {
        return v == null ? fallback : v;
    }
}
