package dev.xanthus.core.session;

import static dev.xanthus.core.dynamo.Items.n;
import static dev.xanthus.core.dynamo.Items.num;
import static dev.xanthus.core.dynamo.Items.s;
import static dev.xanthus.core.dynamo.Items.str;

import dev.xanthus.core.crypto.SecretBox;
import dev.xanthus.core.dynamo.Expr;
import dev.xanthus.core.dynamo.Items;
import dev.xanthus.core.dynamo.Table;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Sessions in the single table: {@code pk = SESSION#<id>}, secrets sealed with AES-GCM bound to the session id. */
public final class DynamoSessionRepository implements SessionRepository {

    private static final String SK = "SESSION";

    private final Table table;
    private final SecretBox box;

    public DynamoSessionRepository(DynamoDbClient client, String table, SecretBox box, Clock clock) {
        this.table = new Table(client, table, clock);
        this.box = box;
    }

    private static Map<String, AttributeValue> key(String id) {
        return Items.key("SESSION#" + id, SK);
    }

    private static String context(String id, String secretName) {
        return "session:" + id + ":" + secretName;
    }

    @Override
    public void put(Session session) {
        Map<String, AttributeValue> sealed = new HashMap<>();
        session.secrets().forEach((k, v) -> sealed.put(k, s(box.seal(v, context(session.id(), k)))));
        Map<String, AttributeValue> item = new HashMap<>(key(session.id()));
        item.put("accountId", s(session.accountId()));
        item.put("email", s(nullToEmpty(session.email())));
        item.put("name", s(nullToEmpty(session.name())));
        item.put("namespaceId", s(session.namespaceId()));
        item.put("secrets", AttributeValue.fromM(sealed));
        item.put("createdAt", n(session.createdAt().getEpochSecond()));
        item.put("tokenValidatedAt", n(session.tokenValidatedAt().getEpochSecond()));
        item.put(Items.TTL, Items.ttl(session.expiresAt()));
        table.put(item);
    }

    @Override
    public Optional<Session> find(String id) {
        return table.find(key(id)).map(this::fromItem);
    }

    @Override
    public void markTokenValidated(String id, Instant at) {
        // false when logged out meanwhile: nothing to refresh
        table.updateIf(
                key(id),
                Expr.of("SET tokenValidatedAt = :at").value(":at", at.getEpochSecond()),
                Expr.of("attribute_exists(pk)"));
    }

    @Override
    public void delete(String id) {
        table.delete(key(id));
    }

    private Session fromItem(Map<String, AttributeValue> item) {
        String id = str(item, Items.PK).substring("SESSION#".length());
        Map<String, String> secrets = new HashMap<>();
        item.getOrDefault("secrets", AttributeValue.fromM(Map.of()))
                .m()
                .forEach((k, v) -> secrets.put(k, box.open(v.s(), context(id, k))));
        return new Session(
                id,
                str(item, "accountId"),
                str(item, "email"),
                str(item, "name"),
                str(item, "namespaceId"),
                secrets,
                Instant.ofEpochSecond(num(item, "createdAt")),
                Instant.ofEpochSecond(num(item, "tokenValidatedAt")),
                Instant.ofEpochSecond(num(item, Items.TTL)));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
