package dev.xanthus.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.Function;
import software.amazon.awscdk.services.cloudfront.FunctionAssociation;
import software.amazon.awscdk.services.cloudfront.FunctionCode;
import software.amazon.awscdk.services.cloudfront.FunctionEventType;
import software.amazon.awscdk.services.cloudfront.FunctionRuntime;
import software.amazon.awscdk.services.cloudfront.HeadersFrameOption;
import software.amazon.awscdk.services.cloudfront.HeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.IOrigin;
import software.amazon.awscdk.services.cloudfront.OriginProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentSecurityPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentTypeOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersFrameOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersStrictTransportSecurity;
import software.amazon.awscdk.services.cloudfront.ResponseSecurityHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.SecurityPolicyProtocol;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.HttpOrigin;
import software.amazon.awscdk.services.cloudfront.origins.HttpOriginProps;
import software.amazon.awscdk.services.cloudfront.origins.LoadBalancerV2Origin;
import software.amazon.awscdk.services.cloudfront.origins.LoadBalancerV2OriginProps;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;

/**
 * One origin for everything: CloudFront serves the site from a private bucket (origin access control), sends
 * {@code /api/*} (and every other route of the route table) to the HTTP API and {@code /ws/*} to the relay, and
 * adds the security headers.
 */
public final class WebConstruct extends Construct {

    public static final String WS_PATH = "/ws/*";
    public static final String API_PATH = "/api/*";

    private final Distribution distribution;
    private final Bucket bucket;

    public WebConstruct(
            Construct scope,
            String id,
            XanthusProps props,
            FunctionCatalog catalog,
            ApiConstruct api,
            RelayConstruct relay,
            KeysConstruct keys) {
        super(scope, id);
        bucket = Bucket.Builder.create(this, "Site")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .build();
        boolean siteBuilt = SiteContent.exists(props.siteDir(), props.siteFallback());

        ResponseHeadersPolicy headers = ResponseHeadersPolicy.Builder.create(this, "SecurityHeaders")
                .comment("Xanthus security headers")
                .securityHeadersBehavior(ResponseSecurityHeadersBehavior.builder()
                        .contentSecurityPolicy(ResponseHeadersContentSecurityPolicy.builder()
                                .contentSecurityPolicy(contentSecurityPolicy(
                                        props.domainName(),
                                        siteBuilt ? SiteContent.inlineScriptHashes(props.siteDir()) : List.of()))
                                .override(true)
                                .build())
                        .strictTransportSecurity(ResponseHeadersStrictTransportSecurity.builder()
                                .accessControlMaxAge(Duration.days(730))
                                .includeSubdomains(true)
                                .override(true)
                                .build())
                        .contentTypeOptions(ResponseHeadersContentTypeOptions.builder()
                                .override(true)
                                .build())
                        .frameOptions(ResponseHeadersFrameOptions.builder()
                                .frameOption(HeadersFrameOption.DENY)
                                .override(true)
                                .build())
                        .referrerPolicy(ResponseHeadersReferrerPolicy.builder()
                                .referrerPolicy(HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)
                                .override(true)
                                .build())
                        .build())
                .build();

        Function spaFallback = Function.Builder.create(this, "SpaFallback")
                .comment("Serve the SPA fallback page for extension-less paths")
                .runtime(FunctionRuntime.JS_2_0)
                .code(FunctionCode.fromInline(spaFallbackSource(props.siteFallback())))
                .build();
        BehaviorOptions site = BehaviorOptions.builder()
                .origin(S3BucketOrigin.withOriginAccessControl(bucket))
                .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                .compress(true)
                .responseHeadersPolicy(headers)
                .functionAssociations(List.of(FunctionAssociation.builder()
                        .eventType(FunctionEventType.VIEWER_REQUEST)
                        .function(spaFallback)
                        .build()))
                .build();

        // https://{id}.execute-api.{region}.amazonaws.com → the host.
        String apiHost = Fn.select(2, Fn.split("/", api.httpApi().getApiEndpoint()));
        BehaviorOptions apiBehavior = BehaviorOptions.builder()
                .origin(new HttpOrigin(
                        apiHost,
                        HttpOriginProps.builder()
                                .protocolPolicy(OriginProtocolPolicy.HTTPS_ONLY)
                                .build()))
                .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
                .allowedMethods(AllowedMethods.ALLOW_ALL)
                .cachePolicy(CachePolicy.CACHING_DISABLED)
                // API Gateway routes on its own Host header, so every viewer header but Host.
                .originRequestPolicy(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER)
                .responseHeadersPolicy(headers)
                .build();
        BehaviorOptions wsBehavior = BehaviorOptions.builder()
                .origin(relayOrigin(props, relay, keys))
                .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
                .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
                .cachePolicy(CachePolicy.CACHING_DISABLED)
                // The WebSocket upgrade needs Sec-WebSocket-* headers; AllViewer forwards them.
                .originRequestPolicy(OriginRequestPolicy.ALL_VIEWER)
                .build();

        Map<String, BehaviorOptions> behaviors = new LinkedHashMap<>();
        for (String pattern : apiPathPatterns(catalog)) {
            behaviors.put(pattern, apiBehavior);
        }
        behaviors.put(WS_PATH, wsBehavior);

        Distribution.Builder cdn = Distribution.Builder.create(this, "Cdn")
                .comment("Xanthus: site, /api and /ws on one origin")
                .defaultBehavior(site)
                .additionalBehaviors(behaviors)
                .defaultRootObject(props.siteFallback())
                .httpVersion(HttpVersion.HTTP2_AND_3)
                .priceClass(PriceClass.PRICE_CLASS_100)
                .minimumProtocolVersion(SecurityPolicyProtocol.TLS_V1_2_2021);
        props.domainName().ifPresent(d -> cdn.domainNames(List.of(d))
                .certificate(Certificate.fromCertificateArn(
                        this, "Certificate", props.certificateArn().get())));
        distribution = cdn.build();

        if (siteBuilt) {
            BucketDeployment.Builder.create(this, "SiteDeployment")
                    .sources(List.of(Source.asset(props.siteDir().toString())))
                    .destinationBucket(bucket)
                    .distribution(distribution)
                    .distributionPaths(List.of("/*"))
                    .memoryLimit(512)
                    .build();
        } else {
            Annotations.of(this)
                    .addWarningV2(
                            "xanthus:site-missing",
                            "no built site at "
                                    + props.siteDir().toAbsolutePath().normalize()
                                    + ": the bucket stays empty until it is built and deployed");
        }
    }

    /** {@code /api/*}, plus one pattern for each route outside {@code /api/} (such as {@code /health}). */
    static List<String> apiPathPatterns(FunctionCatalog catalog) {
        List<String> patterns = new ArrayList<>(List.of(API_PATH));
        catalog.routes().stream()
                .map(FunctionCatalog.Route::path)
                .filter(p -> !p.startsWith("/api/"))
                .map(p -> p.replaceAll("\\{[^}]+}", "*"))
                .distinct()
                .forEach(patterns::add);
        return patterns;
    }

    static String contentSecurityPolicy(Optional<String> domainName, List<String> scriptHashes) {
        String scripts = String.join(" ", concat(List.of("'self'"), scriptHashes));
        // 'self' covers the API and, in current browsers, the same-origin wss:; a custom domain is named too.
        String connect = String.join(
                " ",
                concat(
                        List.of("'self'"),
                        domainName
                                .map(d -> List.of("https://" + d, "wss://" + d))
                                .orElse(List.of())));
        return "default-src 'self'; script-src " + scripts
                + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                + "font-src 'self' data:; connect-src " + connect + "; object-src 'none'; base-uri 'self'; "
                + "form-action 'self'; frame-ancestors 'none'";
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static IOrigin relayOrigin(XanthusProps props, RelayConstruct relay, KeysConstruct keys) {
        Map<String, String> header = Map.of(KeysConstruct.ORIGIN_VERIFY_HEADER, keys.originVerify());
        if (props.relayOriginDomain().isPresent()) {
            return new HttpOrigin(
                    props.relayOriginDomain().get(),
                    HttpOriginProps.builder()
                            .protocolPolicy(OriginProtocolPolicy.HTTPS_ONLY)
                            .customHeaders(header)
                            .readTimeout(Duration.seconds(60))
                            .keepaliveTimeout(Duration.seconds(60))
                            .build());
        }
        return new LoadBalancerV2Origin(
                relay.loadBalancer(),
                LoadBalancerV2OriginProps.builder()
                        .protocolPolicy(OriginProtocolPolicy.HTTP_ONLY)
                        .customHeaders(header)
                        .readTimeout(Duration.seconds(60))
                        .keepaliveTimeout(Duration.seconds(60))
                        .build());
    }

    static String spaFallbackSource(String fallback) {
        return """
        function handler(event) {
          var request = event.request;
          var last = request.uri.substring(request.uri.lastIndexOf('/') + 1);
          if (last.indexOf('.') === -1) {
            request.uri = '/%s';
          }
          return request;
        }
        """
                .formatted(fallback);
    }

    /** The origin users reach: {@code https://} the custom domain, else CloudFront's own name. */
    public String origins(Optional<String> domainName) {
        String cdnOrigin = "https://" + distribution.getDistributionDomainName();
        return domainName.map(d -> "https://" + d + "," + cdnOrigin).orElse(cdnOrigin);
    }

    public Distribution distribution() {
        return distribution;
    }

    public Bucket bucket() {
        return bucket;
    }
}
