package dev.xanthus.api.lambda;

import com.amazonaws.serverless.exceptions.ContainerInitializationException;
import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
import com.amazonaws.serverless.proxy.model.HttpApiV2ProxyRequest;
import com.amazonaws.serverless.proxy.spring.SpringBootLambdaContainerHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.xanthus.api.function.FunctionGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Runs one route group's Spring context behind API Gateway HTTP API (payload v2). The context is built when the
 * runtime creates the handler; if that fails we throw, so Lambda discards the instance and cold-starts again.
 */
public abstract class FunctionHandler implements RequestStreamHandler {

    private final SpringBootLambdaContainerHandler<HttpApiV2ProxyRequest, AwsProxyResponse> container;

    protected FunctionHandler(FunctionGroup group) {
        try {
            container = SpringBootLambdaContainerHandler.getHttpApiV2ProxyHandler(group.configuration());
        } catch (ContainerInitializationException e) {
            throw new IllegalStateException("cannot initialise the " + group.id() + " function", e);
        }
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        container.proxyStream(input, output, context);
    }
}
