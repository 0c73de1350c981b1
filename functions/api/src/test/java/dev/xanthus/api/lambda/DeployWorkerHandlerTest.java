package dev.xanthus.api.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xanthus.api.testing.ApiTestEnv;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeployWorkerHandlerTest {

    private static String invoke(DeployWorkerHandler handler, String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void worker_shouldRefuseAMalformedJobId_andReportAnUnknownJob() throws Exception {
        ApiTestEnv.install();
        DeployWorkerHandler handler = new DeployWorkerHandler();

        assertThat(invoke(handler, "{\"jobId\":\"../../x\"}")).contains("malformed jobId");
        assertThat(invoke(handler, "{\"jobId\":\"0b7e1c2a-0000-4000-8000-000000000000\"}"))
                .contains("NOT_FOUND");
    }
}
