package dev.xanthus.infra;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One Lambda function per route group plus the deploy worker, all from the one jar, each with SnapStart on a
 * published version behind the alias {@code live}, its own role and log group; and the HTTP API with exactly the
 * routes of the route table, each integrated with its function's alias.
 */
public final class ApiConstruct extends Construct {

    public static final String ALIAS = "live";
    public static final String JAVA_TOOL_OPTIONS = "-XX:TieredStopAtLevel=1";
    /** API Gateway cuts a request at 30 s; a function that runs longer only burns money. */
    static final Duration API_TIMEOUT = Duration.seconds(29);

    static final Duration WORKER_TIMEOUT = Duration.minutes(15);

    private final Map<String, Function> functions = new LinkedHashMap<>();
    private final Map<String, Alias> aliases = new LinkedHashMap<>();
    private final HttpApi httpApi;

    public ApiConstruct(
            Construct scope,
            String id,
            XanthusProps props,
            FunctionCatalog catalog,
            DataConstruct data,
            KeysConstruct keys,
            RetentionDays retention) {
        super(scope, id);
        Code code = Code.fromAsset(props.lambdaJar().toString());

        // The worker first: the functions that start jobs need its alias.
        List<FunctionCatalog.Fn> ordered = new ArrayList<>(catalog.functions());
        ordered.sort((a, b) -> Boolean.compare(!a.isWorker(), !b.isWorker()));
        for (FunctionCatalog.Fn spec : ordered) {
            String name = spec.pascalName();
            Map<String, String> env = new HashMap<>(keys.environment());
            env.put("TABLE_NAME", data.table().getTableName());
            env.put("XANTHUS_MODE", props.mode());
            env.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
            if (spec.startsJobs()) {
                catalog.worker()
                        .ifPresent(w -> env.put(
                                "DEPLOY_WORKER_FUNCTION", aliases.get(w.id()).getFunctionArn()));
            }

            LogGroup logs = LogGroup.Builder.create(this, name + "Logs")
                    .retention(retention)
                    .removalPolicy(RemovalPolicy.DESTROY)
                    .build();
            Function fn = Function.Builder.create(this, name + "Function")
                    .description("Xanthus " + spec.id() + " function")
                    .runtime(Runtime.JAVA_21)
                    .architecture(Architecture.ARM_64)
                    .handler(spec.handler())
                    .code(code)
                    .memorySize(props.functionMemoryMb())
                    .timeout(spec.isWorker() ? WORKER_TIMEOUT : API_TIMEOUT)
                    .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                    .environment(env)
                    .logGroup(logs)
                    .role(LambdaRoles.forLogGroup(this, name + "Role", logs))
                    .build();
            Alias.Builder alias =
                    Alias.Builder.create(this, name + "Alias").aliasName(ALIAS).version(fn.getCurrentVersion());
            if (spec.isWorker()) {
                // Each step is idempotent and a lease marks dead jobs failed, so a retried event is safe.
                alias.retryAttempts(2).maxEventAge(Duration.hours(1));
            }
            data.grantItems(fn);
            keys.grantRead(fn);
            // The alias publishes the version SnapStart needs.
            Annotations.of(fn)
                    .acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish", "published by the alias");
            if (!spec.inJar()) {
                Annotations.of(fn)
                        .addWarningV2(
                                "xanthus:handler-missing",
                                spec.handler() + " is not in "
                                        + props.lambdaJar().getFileName()
                                        + ": publishing this function's version will fail");
            }
            functions.put(spec.id(), fn);
            aliases.put(spec.id(), alias.build());
        }
        catalog.worker().ifPresent(w -> catalog.functions().stream()
                .filter(FunctionCatalog.Fn::startsJobs)
                .filter(fn -> functions.containsKey(fn.id()))
                // Only the alias, only InvokeFunction; the caller invokes with InvocationType=Event.
                .forEach(fn -> aliases.get(w.id()).grantInvoke(functions.get(fn.id()))));

        httpApi = HttpApi.Builder.create(this, "HttpApi")
                .description("Xanthus API: the routes of openapi.yaml")
                .createDefaultStage(false)
                .build();
        HttpStage.Builder.create(this, "DefaultStage")
                .httpApi(httpApi)
                .stageName("$default")
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder()
                        .rateLimit(props.throttleRatePerSecond())
                        .burstLimit(props.throttleBurst())
                        .build())
                .build();
        Map<String, HttpLambdaIntegration> integrations = new HashMap<>();
        for (FunctionCatalog.Route route : catalog.routes()) {
            HttpLambdaIntegration integration = integrations.computeIfAbsent(
                    route.function(),
                    f -> new HttpLambdaIntegration(catalog.function(f).pascalName() + "Integration", aliases.get(f)));
            httpApi.addRoutes(AddRoutesOptions.builder()
                    .path(route.path())
                    .methods(List.of(HttpMethod.valueOf(route.method())))
                    .integration(integration)
                    .build());
        }
    }

    /** Origins the functions accept (CORS is not needed: the site and the API share CloudFront's origin). */
    public void setAllowedOrigins(String origins) {
        functions.values().forEach(f -> f.addEnvironment("ALLOWED_ORIGINS", origins));
    }

    public void setRelayUrl(String url) {
        Function terminal = functions.get("terminal");
        if (terminal != null) {
            terminal.addEnvironment("RELAY_PUBLIC_URL", url);
        }
    }

    public HttpApi httpApi() {
        return httpApi;
    }

    public Map<String, Function> functions() {
        return Map.copyOf(functions);
    }

    public Map<String, Alias> aliases() {
        return Map.copyOf(aliases);
    }
}
