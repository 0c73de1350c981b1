package dev.xanthus.sandbox.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SupervisedDynaliteTest {

    @Test
    void aRestartRefusedBecauseThePortIsStillHeld_shouldBeRetriedAfterTheShortPause_notTheLongest() throws Exception {
        List<String> said = new CopyOnWriteArrayList<>();
        try (SupervisedDynalite supervised = SupervisedDynalite.start("127.0.0.1", 0, null, said::add)) {
            int port = supervised.port();
            Dynalite first = supervised.current();

            // given: the server dies and something else takes its port before the supervisor restarts it
            first.kill();
            first.exited().get(20, TimeUnit.SECONDS);
            try (ServerSocket squatter = new ServerSocket()) {
                squatter.setReuseAddress(true);
                squatter.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                awaitLine(said, "did not restart");
            }

            // then: the next attempt comes after the doubled first pause (1 s), and finds the port free again
            assertThat(said.get(0)).contains("did not restart").contains("trying again in 1000 ms");
            String restarted = awaitLine(said, "restarted on 127.0.0.1:" + port);
            assertThat(restarted).contains("in memory");
            assertThat(supervised.current()).isNotSameAs(first);
            assertThat(supervised.current().isAlive()).isTrue();
        }
    }

    /** Bounded by the attempts, not by a timing assertion: the longest pause is 30 s, the test waits up to 60 s. */
    private static String awaitLine(List<String> said, String part) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            for (String line : said) {
                if (line.contains(part)) {
                    return line;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no line containing '" + part + "' in " + said);
    }
}
