package dev.xanthus.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/** The CDK app: {@code cdk synth|deploy} run this (see {@code cdk.json}); configuration comes from context. */
public final class XanthusApp {

    public static final String STACK_NAME = "Xanthus";

    private XanthusApp() {}

    public static void main(String[] args) {
        App app = new App();
        createStack(app, XanthusProps.fromContext(app.getNode()));
        app.synth();
    }

    /** Builds the stack: the functions and routes come from the Lambda jar the props name. */
    public static XanthusStack createStack(App app, XanthusProps props) {
        return new XanthusStack(
                app,
                STACK_NAME,
                StackProps.builder()
                        .description("Xanthus: functions, HTTP API, terminal relay, site and CloudFront")
                        .build(),
                props,
                FunctionCatalog.fromJar(props.lambdaJar()));
    }
}
