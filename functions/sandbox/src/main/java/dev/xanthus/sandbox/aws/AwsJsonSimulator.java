package dev.xanthus.sandbox.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.sandbox.http.SimServer;
import java.net.URI;
import java.util.Map;
import java.util.function.Function;

/** What every simulated AWS service speaking {@link AwsJson} shares: its loopback server, endpoint and shutdown. */
abstract class AwsJsonSimulator implements AutoCloseable {

    private SimServer http;

    /** Starts answering {@code operations}; called once, from the subclass's constructor. */
    final void serve(String targetPrefix, String signingName, Map<String, Function<JsonNode, Object>> operations) {
        http = AwsJson.start(targetPrefix, signingName, operations);
    }

    public URI endpoint() {
        return http.baseUri();
    }

    @Override
    public void close() {
        http.close();
    }
}
