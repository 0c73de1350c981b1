package dev.xanthus.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One cold start, in a fresh JVM: create the handler as the Lambda runtime would, push one event, print the status
 * line of the response and exit. {@link ColdStartBench} times the whole process from spawn to that line.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {}

    public static void main(String[] args) throws Exception {
        RequestStreamHandler handler = (RequestStreamHandler)
                Class.forName(args[0]).getDeclaredConstructor().newInstance();
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        String response = out.toString(StandardCharsets.UTF_8);
        int at = response.indexOf("\"statusCode\":");
        System.out.println("RESPONSE " + (at < 0 ? "?" : response.substring(at + 13, at + 16)));
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
