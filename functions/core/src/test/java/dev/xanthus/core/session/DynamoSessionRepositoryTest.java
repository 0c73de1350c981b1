package dev.xanthus.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xanthus.core.crypto.SecretBox;
import dev.xanthus.core.dynamo.Items;
import dev.xanthus.core.testing.LocalDynamo;
import dev.xanthus.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoSessionRepositoryTest {

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final String table = LocalDynamo.newTable();
    private final DynamoSessionRepository repo =
            new DynamoSessionRepository(LocalDynamo.client(), table, new SecretBox(new byte[32]), clock);

    private Session session(String id) {
        Instant now = clock.instant();
        return new Session(
                id,
                "acc-1",
                "dev@example.com",
                "Dev",
                "ns-1",
                Map.of("cloudflareToken", "cf-secret-token-value"),
                now,
                now,
                now.plus(Duration.ofHours(24)));
    }

    @Test
    void find_shouldReturnWhatWasPut_withSecretsOpened() {
        String id = Session.newId();
        repo.put(session(id));

        Session found = repo.find(id).orElseThrow();

        assertThat(found).isEqualTo(session(id));
    }

    @Test
    void put_shouldNeverStoreSecretsInPlaintext() {
        String id = Session.newId();
        repo.put(session(id));

        Map<String, AttributeValue> raw = LocalDynamo.client()
                .getItem(b -> b.tableName(table).key(Items.key("SESSION#" + id, "SESSION")))
                .item();

        assertThat(raw.toString()).doesNotContain("cf-secret-token-value");
        assertThat(raw.get(Items.TTL).n())
                .isEqualTo(
                        Long.toString(clock.instant().plus(Duration.ofHours(24)).getEpochSecond()));
    }

    @Test
    void find_shouldBeEmpty_whenExpiredEvenIfTheItemStillExists() {
        String id = Session.newId();
        repo.put(session(id));

        clock.advance(Duration.ofHours(24));

        assertThat(repo.find(id)).isEmpty();
    }

    @Test
    void delete_shouldEndTheSession_andMarkValidatedShouldNotResurrectIt() {
        String id = Session.newId();
        repo.put(session(id));

        repo.delete(id);
        repo.markTokenValidated(id, clock.instant());

        assertThat(repo.find(id)).isEmpty();
    }

    @Test
    void markTokenValidated_shouldMoveTheValidationTime() {
        String id = Session.newId();
        repo.put(session(id));
        Instant later = clock.instant().plus(Duration.ofMinutes(11));

        repo.markTokenValidated(id, later);

        assertThat(repo.find(id).orElseThrow().tokenValidatedAt()).isEqualTo(later);
    }
}
