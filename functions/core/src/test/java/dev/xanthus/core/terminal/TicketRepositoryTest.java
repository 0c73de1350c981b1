package dev.xanthus.core.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xanthus.core.crypto.SecretBox;
import dev.xanthus.core.dynamo.Items;
import dev.xanthus.core.testing.LocalDynamo;
import dev.xanthus.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class TicketRepositoryTest {

    private static final String KEY =
            "-----BEGIN OPENSSH PRIVATE KEY-----\nsecret-key-material\n-----END OPENSSH PRIVATE KEY-----\n";

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final String table = LocalDynamo.newTable();
    private final TicketRepository repo =
            new TicketRepository(LocalDynamo.client(), table, new SecretBox(new byte[32]), clock);

    private static TerminalTicket ticket() {
        return new TerminalTicket(
                "sess-12345678",
                "acc-1",
                "srv-1",
                "203.0.113.7",
                22,
                "root",
                KEY,
                "SHA256:abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
                120,
                40,
                true,
                null);
    }

    @Test
    void consume_shouldReturnTheTicketOnce_whenRedeemedTwice() {
        String secret = repo.issue(ticket());

        Optional<TerminalTicket> first = repo.consume(secret);
        Optional<TerminalTicket> second = repo.consume(secret);

        assertThat(first).contains(ticket().withExpiresAt(clock.instant().plus(TicketRepository.TTL)));
        assertThat(second).isEmpty();
    }

    @Test
    void issue_shouldStoreOnlyTheHash_andSealTheKey() {
        String secret = repo.issue(ticket());

        Map<String, AttributeValue> raw = LocalDynamo.client()
                .getItem(b -> b.tableName(table).key(Items.key("TICKET#" + TicketRepository.hash(secret), "TICKET")))
                .item();

        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        assertThat(raw).isNotEmpty();
        assertThat(raw.toString()).doesNotContain(secret).doesNotContain("secret-key-material");
    }

    @Test
    void consume_shouldBeEmpty_whenExpired() {
        String secret = repo.issue(ticket());

        clock.advance(Duration.ofSeconds(61));

        assertThat(repo.consume(secret)).isEmpty();
    }

    @Test
    void consume_shouldBeEmpty_whenUnknownOrMalformed() {
        assertThat(repo.consume("no-such-ticket")).isEmpty();
        assertThat(repo.consume("")).isEmpty();
        assertThat(repo.consume(null)).isEmpty();
    }

    @Test
    void consume_shouldLetExactlyOneWin_whenRedeemedConcurrently() throws Exception {
        // given
        String secret = repo.issue(ticket());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Optional<TerminalTicket>>> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            attempts.add(() -> repo.consume(secret));
        }
        // when
        List<Future<Optional<TerminalTicket>>> results = pool.invokeAll(attempts, 30, TimeUnit.SECONDS);
        pool.shutdownNow();
        // then
        long winners = 0;
        for (Future<Optional<TerminalTicket>> r : results) {
            winners += r.get().isPresent() ? 1 : 0;
        }
        assertThat(winners).isEqualTo(1);
    }

    @Test
    void toString_shouldNotRevealTheKey() {
        assertThat(ticket().toString()).doesNotContain("secret-key-material");
    }
}
