package dev.xanthus.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xanthus.api.docs.RouteTable;
import dev.xanthus.api.function.FunctionGroup;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The fidelity check: the route table of the API module ({@code RouteTable.load()}), the committed SAM template
 * and the synthesized CDK stack hold the same routes, each bound to the same function.
 */
class RouteConsistencyTest {

    @Test
    void routeTable_shouldEqualTheSamRoutes_andTheCdkRoutes_boundToTheSameFunctions() {
        // given: route key → function id, from the API module's own classes
        Map<String, String> table = new TreeMap<>();
        for (RouteTable.Route route : RouteTable.load()) {
            table.put(route.routeKey(), route.function().id());
        }

        // when
        Map<String, String> sam = samRoutes();
        Map<String, String> cdk = cdkRoutes();

        // then
        assertThat(table).isNotEmpty().containsKey("GET /health");
        assertThat(sam).isEqualTo(table);
        assertThat(cdk).isEqualTo(table);
    }

    @Test
    void handlers_shouldBeTheApiModulesHandlerClasses_forEveryFunctionGroup() throws Exception {
        FunctionCatalog catalog = TestStacks.catalog();
        for (FunctionGroup group : FunctionGroup.values()) {
            FunctionCatalog.Fn fn = catalog.function(group.id());
            assertThat(fn.inJar()).as(fn.handler()).isTrue();
            assertThat(com.amazonaws.services.lambda.runtime.RequestStreamHandler.class)
                    .isAssignableFrom(Class.forName(fn.handler()));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> samRoutes() {
        Map<String, Object> resources = (Map<String, Object>)
                CfnYaml.read(TestStacks.REPO_ROOT.resolve("template.yaml")).get("Resources");
        Map<String, String> routes = new TreeMap<>();
        resources.values().stream()
                .map(r -> (Map<String, Object>) r)
                .filter(r -> "AWS::Serverless::Function".equals(r.get("Type")))
                .forEach(r -> {
                    Map<String, Object> props = (Map<String, Object>) r.get("Properties");
                    String function = functionIdOf((String) props.get("Handler"));
                    Map<String, Object> events = (Map<String, Object>) props.getOrDefault("Events", Map.of());
                    events.values().stream()
                            .map(e -> (Map<String, Object>) e)
                            .filter(e -> "HttpApi".equals(e.get("Type")))
                            .map(e -> (Map<String, Object>) e.get("Properties"))
                            .forEach(p -> assertThat(routes.put(p.get("Method") + " " + p.get("Path"), function))
                                    .isNull());
                });
        return routes;
    }

    /** Route → integration → alias → function → handler, resolved through the assertions API. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> cdkRoutes() {
        Template template = TestStacks.template();
        Map<String, String> routes = new TreeMap<>();
        template.findResources("AWS::ApiGatewayV2::Route").values().forEach(route -> {
            Map<String, Object> props = (Map<String, Object>) route.get("Properties");
            List<Object> join = (List<Object>) ((Map<String, Object>) props.get("Target")).get("Fn::Join");
            String integration = (String) ((Map<String, Object>) ((List<Object>) join.get(1)).get(1)).get("Ref");
            Map<String, Object> integrationProps =
                    (Map<String, Object>) template.findResources("AWS::ApiGatewayV2::Integration")
                            .get(integration)
                            .get("Properties");
            String alias = (String) ((Map<String, Object>) integrationProps.get("IntegrationUri")).get("Ref");
            Map<String, Object> aliasProps = (Map<String, Object>)
                    template.findResources("AWS::Lambda::Alias").get(alias).get("Properties");
            assertThat(aliasProps.get("Name")).isEqualTo("live");
            String function = (String) ((Map<String, Object>) aliasProps.get("FunctionName")).get("Ref");
            Map<String, Object> fnProps = (Map<String, Object>) template.findResources("AWS::Lambda::Function")
                    .get(function)
                    .get("Properties");
            assertThat(routes.put((String) props.get("RouteKey"), functionIdOf((String) fnProps.get("Handler"))))
                    .isNull();
        });
        template.resourceCountIs("AWS::ApiGatewayV2::Route", routes.size());
        template.allResourcesProperties(
                "AWS::ApiGatewayV2::Route", Match.objectLike(Map.of("ApiId", Match.anyValue())));
        return routes;
    }

    private static String functionIdOf(String handler) {
        return TestStacks.catalog().functions().stream()
                .filter(f -> f.handler().equals(handler))
                .map(FunctionCatalog.Fn::id)
                .findFirst()
                .orElseThrow(() -> new AssertionError("unknown handler " + handler));
    }
}
