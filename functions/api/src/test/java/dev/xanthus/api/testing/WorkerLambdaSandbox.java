package dev.xanthus.api.testing;

import dev.xanthus.api.lambda.DeployWorkerHandler;
import dev.xanthus.sandbox.aws.LambdaSimulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Hetzner sandbox, with jobs started as they are in AWS: the API's {@code LambdaJobRunner} invokes the deploy
 * worker through Lambda's wire API ({@link LambdaSimulator}), whose function is the real {@link DeployWorkerHandler}
 * booted in a context of its own, as a separate Lambda is.
 */
public final class WorkerLambdaSandbox extends ProviderSandbox {

    public static final String FUNCTION = "xanthus-deploy-worker";
    public static final LambdaSimulator LAMBDA = LambdaSimulator.start("eu-central-1");
    private static DeployWorkerHandler worker;

    static {
        // The SDK's own endpoint and credential settings, as a deployment's environment would give them.
        System.setProperty("aws.endpointUrlLambda", LAMBDA.endpoint().toString());
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        LAMBDA.register(FUNCTION, payload -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            worker().handleRequest(new ByteArrayInputStream(payload), out, null);
            return out.toByteArray();
        });
    }

    public WorkerLambdaSandbox() {
        super(env(), addresses(HetznerSandbox.SIM::sshAddress));
    }

    static Map<String, String> env() {
        Map<String, String> env = new HashMap<>(HetznerSandbox.env());
        env.put("DEPLOY_WORKER_FUNCTION", FUNCTION);
        env.put("AWS_REGION", "eu-central-1");
        return env;
    }

    private static synchronized DeployWorkerHandler worker() {
        if (worker == null) {
            worker = new DeployWorkerHandler(List.of(new HetznerSandbox()));
        }
        return worker;
    }
}
