package dev.xanthus.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xanthus.api.support.SecurityHeaders;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Assertions on the synthesized stack (shared with the other tests: one synth per run). */
class XanthusStackTest {

    private final Template template = TestStacks.template();
    private final FunctionCatalog catalog = TestStacks.catalog();

    @Test
    void table_shouldBeOnDemandWithTtlPitrAndDeletionProtection() {
        template.resourceCountIs("AWS::DynamoDB::Table", 1);
        template.hasResource(
                "AWS::DynamoDB::Table",
                Map.of(
                        "DeletionPolicy",
                        "Retain",
                        "Properties",
                        Map.of(
                                "BillingMode", "PAY_PER_REQUEST",
                                "KeySchema",
                                        List.of(
                                                Map.of("AttributeName", "pk", "KeyType", "HASH"),
                                                Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                                "TimeToLiveSpecification", Map.of("AttributeName", "ttl", "Enabled", true),
                                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                                "DeletionProtectionEnabled", true)));
    }

    @Test
    void functions_shouldBeOnePerRouteGroupPlusTheWorker_eachWithSnapStartAndAliasLive() {
        // given: the Java functions (the key generator is the one Node.js function)
        assertThat(catalog.functions())
                .extracting(FunctionCatalog.Fn::id)
                .containsExactly("auth", "vps", "dns", "applications", "terminal", FunctionCatalog.WORKER_ID);

        // then
        template.resourceCountIs("AWS::Lambda::Alias", catalog.functions().size());
        template.resourceCountIs("AWS::Lambda::Version", catalog.functions().size());
        for (FunctionCatalog.Fn fn : catalog.functions()) {
            template.hasResourceProperties(
                    "AWS::Lambda::Function",
                    Match.objectLike(Map.of(
                            "Handler", fn.handler(),
                            "Runtime", "java21",
                            "MemorySize", 1024,
                            "Timeout", fn.isWorker() ? 900 : 29,
                            "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                            "LoggingConfig", Map.of("LogGroup", Match.anyValue()),
                            "Environment",
                                    Map.of(
                                            "Variables",
                                            Match.objectLike(Map.of(
                                                    "JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1",
                                                    "TABLE_NAME", Map.of("Ref", logicalId("AWS::DynamoDB::Table")),
                                                    "DATA_KEY_CIPHERTEXT", Match.anyValue(),
                                                    "JWT_SECRET_ARN",
                                                            Map.of("Ref", logicalId("AWS::SecretsManager::Secret")),
                                                    "ALLOWED_ORIGINS", Match.anyValue()))))));
            template.hasResourceProperties(
                    "AWS::Lambda::Alias",
                    Map.of(
                            "Name", "live",
                            "FunctionName", Map.of("Ref", functionLogicalId(fn)),
                            "FunctionVersion", Match.anyValue()));
        }
    }

    @Test
    void functions_shouldNeverSeeAKeyInClear() {
        template.findResources("AWS::Lambda::Function").values().forEach(fn -> assertThat(fn.toString())
                .doesNotContain("JWT_PRIVATE_JWK")
                .doesNotContain("DATA_KEY="));
        template.findResources("AWS::ECS::TaskDefinition").values().forEach(task -> assertThat(task.toString())
                .doesNotContain("JWT_PRIVATE_JWK")
                .doesNotContain("DATA_KEY="));
    }

    @Test
    void logGroups_shouldAllHaveRetention() {
        Map<String, Map<String, Object>> groups = template.findResources("AWS::Logs::LogGroup");
        assertThat(groups).hasSize(catalog.functions().size() + 2); // + key generator + relay
        template.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
    }

    @Test
    void iamPolicies_shouldHaveNoWildcardActions() {
        List<String> actions = new ArrayList<>();
        template.findResources("AWS::IAM::Policy").forEach((id, policy) -> {
            // CDK's own site uploader (BucketDeployment) uses s3:GetObject*-style actions on the site and asset
            // buckets.
            if (!id.startsWith("CustomCDKBucketDeployment")) {
                statements(policy).forEach(st -> actions.addAll(asList(st.get("Action"))));
            }
        });
        assertThat(actions).isNotEmpty().noneMatch(a -> a.contains("*"));
        template.findResources("AWS::IAM::Role").forEach((id, role) -> {
            if (!id.startsWith("CustomCDKBucketDeployment")) {
                assertThat(props(role)).as(id).doesNotContainKey("ManagedPolicyArns");
            }
        });
    }

    @Test
    void keys_shouldBeReadableOnlyByTheFunctionsAndTheRelay() {
        Set<String> expected = new HashSet<>();
        catalog.functions().forEach(fn -> expected.add(roleOf(functionLogicalId(fn))));
        expected.add(relayTaskRole());

        assertThat(rolesGranted("kms:Decrypt")).isEqualTo(expected);
        assertThat(rolesGranted("secretsmanager:GetSecretValue")).isEqualTo(expected);
        assertThat(rolesGranted("dynamodb:PutItem")).isEqualTo(expected);
        assertThat(rolesGranted("secretsmanager:PutSecretValue")).containsExactly(generatorRole());
        assertThat(rolesGranted("kms:GenerateDataKeyWithoutPlaintext")).containsExactly(generatorRole());
        assertThat(rolesGranted("dynamodb:Scan")).isEmpty();
    }

    @Test
    void worker_shouldBeInvokableOnlyByTheFunctionsThatStartJobs_throughItsAlias() {
        String workerAlias = aliasLogicalId(catalog.worker().orElseThrow());
        List<String> starters = List.of("applications", "vps");

        assertThat(rolesGranted("lambda:InvokeFunction"))
                .containsExactlyInAnyOrderElementsOf(starters.stream()
                        .map(id -> roleOf(functionLogicalId(catalog.function(id))))
                        .toList());
        for (String id : starters) {
            String role = roleOf(functionLogicalId(catalog.function(id)));
            template.hasResourceProperties(
                    "AWS::IAM::Policy",
                    Match.objectLike(Map.of(
                            "Roles", List.of(Map.of("Ref", role)),
                            "PolicyDocument",
                                    Map.of(
                                            "Statement",
                                            Match.arrayWith(List.of(Map.of(
                                                    "Effect",
                                                    "Allow",
                                                    "Action",
                                                    "lambda:InvokeFunction",
                                                    "Resource",
                                                    Map.of("Ref", workerAlias))))))));
            template.hasResourceProperties(
                    "AWS::Lambda::Function",
                    Match.objectLike(Map.of(
                            "Handler", catalog.function(id).handler(),
                            "Environment",
                                    Map.of(
                                            "Variables",
                                            Match.objectLike(
                                                    Map.of("DEPLOY_WORKER_FUNCTION", Map.of("Ref", workerAlias)))))));
        }
        template.hasResourceProperties(
                "AWS::Lambda::EventInvokeConfig",
                Map.of(
                        "FunctionName",
                        Match.anyValue(),
                        "Qualifier",
                        Match.anyValue(),
                        "MaximumRetryAttempts",
                        2,
                        "MaximumEventAgeInSeconds",
                        3600));
    }

    @Test
    void httpApi_shouldThrottleItsDefaultStage() {
        template.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
        template.hasResourceProperties(
                "AWS::ApiGatewayV2::Stage",
                Map.of(
                        "StageName",
                        "$default",
                        "AutoDeploy",
                        true,
                        "ApiId",
                        Match.anyValue(),
                        "DefaultRouteSettings",
                        Map.of("ThrottlingRateLimit", 50, "ThrottlingBurstLimit", 100)));
        template.hasResourceProperties(
                "AWS::ApiGatewayV2::Integration",
                Match.objectLike(Map.of("IntegrationType", "AWS_PROXY", "PayloadFormatVersion", "2.0")));
    }

    @Test
    void cloudFront_shouldRouteApiHealthAndWebSocketsToTheirOrigins_andTheRestToTheBucket() {
        template.resourceCountIs("AWS::CloudFront::Distribution", 1);
        template.resourceCountIs("AWS::CloudFront::OriginAccessControl", 1);
        Map<String, Object> config = props(only("AWS::CloudFront::Distribution"));
        @SuppressWarnings("unchecked")
        Map<String, Object> dist = (Map<String, Object>) config.get("DistributionConfig");
        Map<String, String> originDomains = new java.util.HashMap<>();
        for (Map<String, Object> origin : maps(dist.get("Origins"))) {
            originDomains.put(
                    (String) origin.get("Id"), origin.get("DomainName").toString());
        }
        Map<String, String> behaviourOrigin = new java.util.HashMap<>();
        for (Map<String, Object> b : maps(dist.get("CacheBehaviors"))) {
            behaviourOrigin.put((String) b.get("PathPattern"), originDomains.get(b.get("TargetOriginId")));
        }
        String apiLogicalId = logicalId("AWS::ApiGatewayV2::Api");
        assertThat(behaviourOrigin).containsOnlyKeys("/api/*", "/health", "/ws/*");
        assertThat(behaviourOrigin.get("/api/*")).contains(apiLogicalId);
        assertThat(behaviourOrigin.get("/health")).contains(apiLogicalId);
        assertThat(behaviourOrigin.get("/ws/*")).contains(logicalId("AWS::ElasticLoadBalancingV2::LoadBalancer"));
        @SuppressWarnings("unchecked")
        Map<String, Object> def = (Map<String, Object>) dist.get("DefaultCacheBehavior");
        assertThat(originDomains.get(def.get("TargetOriginId"))).contains(logicalId("AWS::S3::Bucket"));

        template.hasResourceProperties(
                "AWS::CloudFront::Distribution",
                Map.of(
                        "DistributionConfig",
                        Match.objectLike(Map.of(
                                "DefaultCacheBehavior",
                                        Match.objectLike(Map.of(
                                                "ViewerProtocolPolicy",
                                                "redirect-to-https",
                                                "FunctionAssociations",
                                                List.of(Map.of(
                                                        "EventType",
                                                        "viewer-request",
                                                        "FunctionARN",
                                                        Match.anyValue())))),
                                "CacheBehaviors",
                                        Match.arrayWith(List.of(
                                                Match.objectLike(
                                                        Map.of(
                                                                "PathPattern",
                                                                "/api/*",
                                                                "AllowedMethods",
                                                                Match.arrayWith(List.of("POST", "DELETE")),
                                                                "CachePolicyId",
                                                                "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", // CachingDisabled
                                                                "OriginRequestPolicyId",
                                                                "b689b0a8-53d0-40ab-baf2-68738e2966ac")), // AllViewerExceptHostHeader
                                                Match.objectLike(Map.of(
                                                        "PathPattern",
                                                        "/ws/*",
                                                        "CachePolicyId",
                                                        "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
                                                        "OriginRequestPolicyId",
                                                        "216adef6-5c7f-47e4-b989-5492eafa07d3"))))))));
        template.hasResourceProperties(
                "AWS::S3::Bucket",
                Match.objectLike(Map.of(
                        "PublicAccessBlockConfiguration",
                        Map.of(
                                "BlockPublicAcls",
                                true,
                                "BlockPublicPolicy",
                                true,
                                "IgnorePublicAcls",
                                true,
                                "RestrictPublicBuckets",
                                true))));
    }

    @Test
    void cloudFront_shouldSendSecurityHeaders_withACspOfSelfAndTheSitesInlineScriptHashes() {
        List<String> hashes = SiteContent.inlineScriptHashes(TestStacks.FIXTURES.resolve("site"));
        assertThat(hashes).hasSize(1);
        template.hasResourceProperties(
                "AWS::CloudFront::ResponseHeadersPolicy",
                Map.of(
                        "ResponseHeadersPolicyConfig",
                        Match.objectLike(Map.of(
                                "SecurityHeadersConfig",
                                Match.objectLike(Map.of(
                                        "ContentSecurityPolicy",
                                                Map.of(
                                                        "Override",
                                                        true,
                                                        "ContentSecurityPolicy",
                                                        Match.stringLikeRegexp(
                                                                "^default-src 'self'; script-src 'self' "
                                                                        + jsRegexQuote(hashes.get(0))
                                                                        + "; .*connect-src 'self'; .*frame-ancestors 'none'$")),
                                        "StrictTransportSecurity",
                                                Match.objectLike(Map.of("AccessControlMaxAgeSec", 63072000)),
                                        "ContentTypeOptions", Map.of("Override", true),
                                        // the local stack sends the same values (LocalStack's SecurityHeadersFilter):
                                        // one definition for both
                                        "FrameOptions",
                                                Map.of("FrameOption", SecurityHeaders.FRAME_OPTIONS, "Override", true),
                                        "ReferrerPolicy",
                                                Map.of(
                                                        "ReferrerPolicy",
                                                        SecurityHeaders.REFERRER_POLICY,
                                                        "Override",
                                                        true)))))));
    }

    @Test
    void allowedOrigins_shouldBeTheCloudFrontDomain_forTheFunctionsAndTheRelay() {
        Map<String, Object> origin = Map.of(
                "Fn::Join",
                List.of(
                        "",
                        List.of(
                                "https://",
                                Map.of(
                                        "Fn::GetAtt",
                                        List.of(logicalId("AWS::CloudFront::Distribution"), "DomainName")))));
        for (FunctionCatalog.Fn fn : catalog.functions()) {
            template.hasResourceProperties(
                    "AWS::Lambda::Function",
                    Match.objectLike(Map.of(
                            "Handler",
                            fn.handler(),
                            "Environment",
                            Map.of("Variables", Match.objectLike(Map.of("ALLOWED_ORIGINS", origin))))));
        }
        template.hasResourceProperties(
                "AWS::ECS::TaskDefinition",
                Match.objectLike(Map.of(
                        "ContainerDefinitions",
                        List.of(Match.objectLike(Map.of(
                                "Environment",
                                Match.arrayWith(List.of(Map.of("Name", "ALLOWED_ORIGINS", "Value", origin)))))))));
    }

    @Test
    void relay_shouldKeepWebSocketsOpenAnHour_checkHealth_drainGracefully_andScale() {
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::LoadBalancer",
                Match.objectLike(Map.of(
                        "Scheme",
                        "internet-facing",
                        "LoadBalancerAttributes",
                        Match.arrayWith(List.of(Map.of("Key", "idle_timeout.timeout_seconds", "Value", "3600"))))));
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::TargetGroup",
                Match.objectLike(Map.of(
                        "Port",
                        8081,
                        "HealthCheckPath",
                        "/healthz",
                        "Matcher",
                        Map.of("HttpCode", "200"),
                        "TargetGroupAttributes",
                        Match.arrayWith(List.of(
                                Map.of("Key", "deregistration_delay.timeout_seconds", "Value", "300"),
                                // resume after a dropped socket must reach the task holding the SSH session
                                Map.of("Key", "stickiness.enabled", "Value", "true"),
                                Map.of("Key", "stickiness.type", "Value", "lb_cookie"))))));
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::ListenerRule",
                Match.objectLike(Map.of(
                        "Conditions",
                        Match.arrayWith(List.of(Match.objectLike(Map.of(
                                "Field",
                                "http-header",
                                "HttpHeaderConfig",
                                Map.of(
                                        "HttpHeaderName",
                                        KeysConstruct.ORIGIN_VERIFY_HEADER,
                                        "Values",
                                        List.of(
                                                Map.of(
                                                        "Fn::GetAtt",
                                                        List.of(
                                                                logicalId("Custom::XanthusKeys"),
                                                                "OriginVerify")))))))))));
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::Listener",
                Match.objectLike(
                        Map.of("DefaultActions", List.of(Match.objectLike(Map.of("Type", "fixed-response"))))));
        template.hasResourceProperties(
                "AWS::ECS::TaskDefinition",
                Match.objectLike(Map.of(
                        "RequiresCompatibilities", List.of("FARGATE"),
                        "ContainerDefinitions",
                                List.of(Match.objectLike(Map.of(
                                        "PortMappings",
                                        List.of(Map.of("ContainerPort", 8081, "Protocol", "tcp")),
                                        "StopTimeout",
                                        120))))));
        // behind CloudFront and the load balancer, the cap on unauthenticated sockets counts viewers (X-Forwarded-For)
        template.hasResourceProperties(
                "AWS::ECS::TaskDefinition",
                Match.objectLike(Map.of(
                        "ContainerDefinitions",
                        List.of(Match.objectLike(Map.of(
                                "Environment",
                                Match.arrayWith(
                                        List.of(Map.of("Name", "RELAY_TRUSTED_PROXY_HOPS", "Value", "2")))))))));
        template.hasResourceProperties(
                "AWS::ECS::Service",
                Match.objectLike(Map.of(
                        "LaunchType", "FARGATE",
                        "DeploymentConfiguration",
                                Match.objectLike(Map.of(
                                        "MinimumHealthyPercent",
                                        100,
                                        "DeploymentCircuitBreaker",
                                        Map.of("Enable", true, "Rollback", true))),
                        "NetworkConfiguration",
                                Map.of("AwsvpcConfiguration", Match.objectLike(Map.of("AssignPublicIp", "ENABLED"))))));
        template.hasResourceProperties(
                "AWS::ApplicationAutoScaling::ScalableTarget",
                Match.objectLike(
                        Map.of("MinCapacity", 1, "MaxCapacity", 4, "ScalableDimension", "ecs:service:DesiredCount")));
        template.resourceCountIs("AWS::ApplicationAutoScaling::ScalingPolicy", 2);
        template.resourceCountIs("AWS::EC2::NatGateway", 0);
    }

    @Test
    void synthesizedTemplate_shouldPassTheValidator(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("Xanthus.template.json");
        new com.fasterxml.jackson.databind.ObjectMapper().writeValue(file.toFile(), template.toJSON());

        SamTemplateTest.Result result = SamTemplateTest.validate(file);

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private static String jsRegexQuote(String s) {
        return s.replaceAll("[\\\\^$.|?*+()\\[\\]{}/]", "\\\\$0");
    }

    // -- helpers over the template (through the assertions API; no file parsing)

    private String logicalId(String type) {
        Map<String, Map<String, Object>> found = template.findResources(type);
        assertThat(found).as(type).hasSize(1);
        return found.keySet().iterator().next();
    }

    private Map<String, Object> only(String type) {
        return template.findResources(type).get(logicalId(type));
    }

    private String functionLogicalId(FunctionCatalog.Fn fn) {
        Map<String, Map<String, Object>> found = template.findResources(
                "AWS::Lambda::Function", Map.of("Properties", Match.objectLike(Map.of("Handler", fn.handler()))));
        assertThat(found).as(fn.id()).hasSize(1);
        return found.keySet().iterator().next();
    }

    private String aliasLogicalId(FunctionCatalog.Fn fn) {
        Map<String, Map<String, Object>> found = template.findResources(
                "AWS::Lambda::Alias",
                Map.of("Properties", Match.objectLike(Map.of("FunctionName", Map.of("Ref", functionLogicalId(fn))))));
        return found.keySet().iterator().next();
    }

    private String roleOf(String functionLogicalId) {
        @SuppressWarnings("unchecked")
        List<Object> arn = (List<Object>) ((Map<String, Object>)
                        props(template.findResources("AWS::Lambda::Function").get(functionLogicalId))
                                .get("Role"))
                .get("Fn::GetAtt");
        return (String) arn.get(0);
    }

    private String generatorRole() {
        return roleOf(template
                .findResources(
                        "AWS::Lambda::Function",
                        Map.of(
                                "Properties",
                                Match.objectLike(Map.of("Runtime", "nodejs22.x", "Handler", "index.handler"))))
                .keySet()
                .stream()
                .filter(id -> id.startsWith("Keys"))
                .findFirst()
                .orElseThrow());
    }

    @SuppressWarnings("unchecked")
    private String relayTaskRole() {
        List<Object> arn = (List<Object>)
                ((Map<String, Object>) props(only("AWS::ECS::TaskDefinition")).get("TaskRoleArn")).get("Fn::GetAtt");
        return (String) arn.get(0);
    }

    /** The roles whose policies allow the action. */
    @SuppressWarnings("unchecked")
    private Set<String> rolesGranted(String action) {
        Set<String> roles = new HashSet<>();
        template.findResources("AWS::IAM::Policy").values().forEach(policy -> {
            if (statements(policy).stream()
                    .anyMatch(st -> asList(st.get("Action")).contains(action))) {
                for (Object role : (List<Object>) props(policy).get("Roles")) {
                    roles.add((String) ((Map<String, Object>) role).get("Ref"));
                }
            }
        });
        return roles;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(Map<String, Object> policy) {
        return maps(((Map<String, Object>) props(policy).get("PolicyDocument")).get("Statement"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> props(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object list) {
        return (List<Map<String, Object>>) list;
    }

    @SuppressWarnings("unchecked")
    private static List<String> asList(Object action) {
        return action instanceof List<?> l ? (List<String>) l : List.of((String) action);
    }
}
