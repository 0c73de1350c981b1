package dev.xanthus.core.session;

import static dev.xanthus.core.dynamo.Items.n;
import static dev.xanthus.core.dynamo.Items.num;
import static dev.xanthus.core.dynamo.Items.s;
import static dev.xanthus.core.dynamo.Items.str;

import dev.xanthus.core.crypto.SecretBox;
import dev.xanthus.core.dynamo.Items;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Sessions in the single table: {@code pk = SESSION#<id>}, secrets sealed with AES-GCM bound to the session id. */
public final class DynamoSessionRepository implements SessionRepository {

  private static final String SK = "SESSION";

  private final DynamoDbClient client;
  private final String table;
  private final SecretBox box;
  private final Clock clock;

  public DynamoSessionRepository(DynamoDbClient client, String table, SecretBox box, Clock clock) {
    this.client = client;
    this.table = table;
    this.box = box;
    this.clock = clock;
  }

  private static String pk(String id) {
    return "SESSION#" + id;
  }

  private static String context(String id, String secretName) {
    return "session:" + id + ":" + secretName;
  }

  @Override
  public void put(Session session) {
    Map<String, AttributeValue> sealed = new HashMap<>();
    session.secrets().forEach((k, v) -> sealed.put(k, s(box.seal(v, context(session.id(), k)))));
    Map<String, AttributeValue> item = new HashMap<>(Items.key(pk(session.id()), SK));
    item.put("accountId", s(session.accountId()));
    item.put("email", s(nullToEmpty(session.email())));
    item.put("name", s(nullToEmpty(session.name())));
    item.put("namespaceId", s(session.namespaceId()));
    item.put("secrets", AttributeValue.fromM(sealed));
    item.put("createdAt", n(session.createdAt().getEpochSecond()));
    item.put("tokenValidatedAt", n(session.tokenValidatedAt().getEpochSecond()));
    item.put(Items.TTL, Items.ttl(session.expiresAt()));
    client.putItem(b -> b.tableName(table).item(item));
  }

  @Override
  public Optional<Session> find(String id) {
    Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(Items.key(pk(id), SK)).consistentRead(true)).item();
    return Items.live(item, clock).map(this::fromItem);
  }

  @Override
  public void markTokenValidated(String id, Instant at) {
    try {
      client.updateItem(b -> b.tableName(table).key(Items.key(pk(id), SK))
          .conditionExpression("attribute_exists(pk)")
          .updateExpression("SET tokenValidatedAt = :at")
          .expressionAttributeValues(Map.of(":at", n(at.getEpochSecond()))));
    } catch (ConditionalCheckFailedException gone) {
      // logged out meanwhile: nothing to refresh
    }
  }

  @Override
  public void delete(String id) {
    client.deleteItem(b -> b.tableName(table).key(Items.key(pk(id), SK)));
  }

  private Session fromItem(Map<String, AttributeValue> item) {
    String id = str(item, Items.PK).substring("SESSION#".length());
    Map<String, String> secrets = new HashMap<>();
    item.getOrDefault("secrets", AttributeValue.fromM(Map.of())).m()
        .forEach((k, v) -> secrets.put(k, box.open(v.s(), context(id, k))));
    return new Session(id, str(item, "accountId"), str(item, "email"), str(item, "name"), str(item, "namespaceId"), secrets,
        Instant.ofEpochSecond(num(item, "createdAt")), Instant.ofEpochSecond(num(item, "tokenValidatedAt")),
        Instant.ofEpochSecond(num(item, Items.TTL)));
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
