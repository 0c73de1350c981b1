package dev.xanthus.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecr.assets.Platform;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.MemoryUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationTargetsProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.FixedResponseOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCondition;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The terminal relay: a Fargate service (image built from {@code terminal-relay/Dockerfile}) behind an
 * internet-facing load balancer that only forwards requests carrying CloudFront's origin token. Tasks sit in
 * public subnets with public addresses, so they reach the users' servers over SSH without a NAT gateway, and
 * accept traffic only from the load balancer.
 */
public final class RelayConstruct extends Construct {

    public static final int PORT = 8081;
    public static final String HEALTH_PATH = "/healthz";
    /** WebSockets stay open for hours; the load balancer's maximum is 4000 s. */
    public static final Duration IDLE_TIMEOUT = Duration.seconds(3600);
    /** Fargate's maximum: SIGTERM, then this long to close sessions before SIGKILL. */
    public static final Duration STOP_TIMEOUT = Duration.seconds(120);
    /** A draining task keeps its open WebSockets this long before it is stopped. */
    public static final Duration DEREGISTRATION_DELAY = Duration.seconds(300);
    /**
     * A resumed terminal must reach the task that holds its SSH session: the load balancer's own cookie (set on the
     * WebSocket handshake, forwarded by CloudFront with every viewer cookie) keeps a browser on one task.
     */
    public static final Duration STICKINESS = Duration.hours(12);

    private final ApplicationLoadBalancer loadBalancer;
    private final ContainerDefinition container;
    private final FargateService service;

    public RelayConstruct(
            Construct scope,
            String id,
            XanthusProps props,
            DataConstruct data,
            KeysConstruct keys,
            RetentionDays retention) {
        super(scope, id);
        Vpc vpc = Vpc.Builder.create(this, "Vpc")
                .maxAzs(2)
                .natGateways(0)
                .subnetConfiguration(List.of(SubnetConfiguration.builder()
                        .name("public")
                        .subnetType(SubnetType.PUBLIC)
                        .cidrMask(24)
                        .build()))
                .build();
        vpc.addGatewayEndpoint(
                "DynamoDb",
                GatewayVpcEndpointOptions.builder()
                        .service(GatewayVpcEndpointAwsService.DYNAMODB)
                        .build());
        Cluster cluster = Cluster.Builder.create(this, "Cluster").vpc(vpc).build();

        FargateTaskDefinition task = FargateTaskDefinition.Builder.create(this, "Task")
                .cpu(props.relayCpu())
                .memoryLimitMiB(props.relayMemoryMb())
                .runtimePlatform(RuntimePlatform.builder()
                        .cpuArchitecture(CpuArchitecture.X86_64)
                        .operatingSystemFamily(OperatingSystemFamily.LINUX)
                        .build())
                .build();
        data.grantItems(task.getTaskRole());
        keys.grantRead(task.getTaskRole());

        Map<String, String> env = new HashMap<>(keys.environment());
        env.put("TABLE_NAME", data.table().getTableName());
        env.put("AWS_REGION", Aws.REGION);
        env.put("JWT_PUBLIC_JWK", keys.jwtPublicJwk());
        env.put("RELAY_PORT", Integer.toString(PORT));
        // CloudFront appends the viewer to X-Forwarded-For, the load balancer appends CloudFront: the relay's cap on
        // unauthenticated sockets then counts viewers, not load balancer nodes (terminal-relay/README.md)
        env.put("RELAY_TRUSTED_PROXY_HOPS", "2");
        env.put("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75");
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .retention(retention)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        container = task.addContainer(
                "relay",
                ContainerDefinitionOptions.builder()
                        .image(image(props))
                        .portMappings(List.of(
                                PortMapping.builder().containerPort(PORT).build()))
                        .environment(env)
                        .logging(LogDriver.awsLogs(AwsLogDriverProps.builder()
                                .logGroup(logs)
                                .streamPrefix("relay")
                                .build()))
                        .stopTimeout(STOP_TIMEOUT)
                        .build());

        loadBalancer = ApplicationLoadBalancer.Builder.create(this, "LoadBalancer")
                .vpc(vpc)
                .internetFacing(true)
                .idleTimeout(IDLE_TIMEOUT)
                .dropInvalidHeaderFields(true)
                .build();
        BaseApplicationListenerProps.Builder listenerProps = BaseApplicationListenerProps.builder()
                .open(true)
                .defaultAction(ListenerAction.fixedResponse(
                        403,
                        FixedResponseOptions.builder()
                                .contentType("text/plain")
                                .messageBody("forbidden")
                                .build()));
        if (props.relayCertificateArn().isPresent()) {
            listenerProps
                    .protocol(ApplicationProtocol.HTTPS)
                    .port(443)
                    .certificates(List.of(ListenerCertificate.fromArn(
                            props.relayCertificateArn().get())));
        } else {
            listenerProps.protocol(ApplicationProtocol.HTTP).port(80);
        }
        ApplicationListener listener = loadBalancer.addListener("Listener", listenerProps.build());

        service = FargateService.Builder.create(this, "Service")
                .cluster(cluster)
                .taskDefinition(task)
                .desiredCount(props.relayMinTasks())
                .assignPublicIp(true)
                .vpcSubnets(
                        SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build())
                .minHealthyPercent(100)
                .maxHealthyPercent(200)
                .circuitBreaker(
                        DeploymentCircuitBreaker.builder().rollback(true).build())
                .healthCheckGracePeriod(Duration.seconds(60))
                .build();
        listener.addTargets(
                "Relay",
                AddApplicationTargetsProps.builder()
                        .priority(10)
                        .conditions(List.of(
                                ListenerCondition.httpHeader(
                                        KeysConstruct.ORIGIN_VERIFY_HEADER, List.of(keys.originVerify())),
                                ListenerCondition.pathPatterns(List.of("/ws", "/ws/*"))))
                        .protocol(ApplicationProtocol.HTTP)
                        .port(PORT)
                        .targets(List.of(service))
                        .deregistrationDelay(DEREGISTRATION_DELAY)
                        .stickinessCookieDuration(STICKINESS)
                        .healthCheck(HealthCheck.builder()
                                .path(HEALTH_PATH)
                                .healthyHttpCodes("200")
                                .interval(Duration.seconds(15))
                                .timeout(Duration.seconds(5))
                                .healthyThresholdCount(2)
                                .unhealthyThresholdCount(3)
                                .build())
                        .build());

        ScalableTaskCount scaling = service.autoScaleTaskCount(EnableScalingProps.builder()
                .minCapacity(props.relayMinTasks())
                .maxCapacity(props.relayMaxTasks())
                .build());
        scaling.scaleOnCpuUtilization(
                "Cpu",
                CpuUtilizationScalingProps.builder()
                        .targetUtilizationPercent(60)
                        .scaleOutCooldown(Duration.minutes(1))
                        .scaleInCooldown(Duration.minutes(15))
                        .build());
        scaling.scaleOnMemoryUtilization(
                "Memory",
                MemoryUtilizationScalingProps.builder()
                        .targetUtilizationPercent(70)
                        .scaleOutCooldown(Duration.minutes(1))
                        .scaleInCooldown(Duration.minutes(15))
                        .build());
    }

    private static ContainerImage image(XanthusProps props) {
        if (props.relayImage().isPresent()) {
            return ContainerImage.fromRegistry(props.relayImage().get());
        }
        Path dir = props.relayDockerDir();
        if (!Files.isRegularFile(dir.resolve("Dockerfile"))) {
            throw new IllegalStateException(
                    "no Dockerfile in " + dir.toAbsolutePath().normalize()
                            + ": set -c " + XanthusProps.PREFIX + "relayDockerDir=DIR, or -c " + XanthusProps.PREFIX
                            + "relayImage=IMAGE to run a prebuilt image");
        }
        // Built (by `cdk deploy`, not `cdk synth`) for the task's platform, whatever the deploying machine is.
        return ContainerImage.fromAsset(
                dir.toString(),
                AssetImageProps.builder().platform(Platform.LINUX_AMD64).build());
    }

    /** Origins whose pages may open a terminal WebSocket. */
    public void setAllowedOrigins(String origins) {
        container.addEnvironment("ALLOWED_ORIGINS", origins);
    }

    public ApplicationLoadBalancer loadBalancer() {
        return loadBalancer;
    }

    public FargateService service() {
        return service;
    }
}
