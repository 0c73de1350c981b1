package dev.xanthus.core.terminal;

import static dev.xanthus.core.dynamo.Items.n;
import static dev.xanthus.core.dynamo.Items.num;
import static dev.xanthus.core.dynamo.Items.s;
import static dev.xanthus.core.dynamo.Items.str;

import dev.xanthus.core.dynamo.Items;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Terminal session state in the single table: {@code pk = ACCOUNT#<accountId>, sk = TERMINAL#<sessionId>}, so an
 * account's sessions are one Query and ownership is part of the key. A live session carries {@code liveUntil}, which
 * the relay renews while it holds the session: a relay that dies stops renewing, and its sessions stop counting as
 * live without anyone cleaning up. Termination requests also go to one shared partition
 * ({@code pk = TERMINAL_TERMINATE}) so a relay polls all of them with a single Query instead of one read per session.
 */
public final class TerminalSessionRepository {

  /** How long a live mark lasts without renewal; the relay renews well within it. */
  public static final Duration LIVE_LEASE = Duration.ofMinutes(3);
  /** How long an ended session stays readable. */
  public static final Duration RETENTION = Duration.ofDays(7);
  private static final Duration TERMINATE_REQUEST_TTL = Duration.ofMinutes(10);

  private static final String TERMINATE_PK = "TERMINAL_TERMINATE";
  private static final String SK_PREFIX = "TERMINAL#";

  private final DynamoDbClient client;
  private final String table;
  private final Clock clock;

  public TerminalSessionRepository(DynamoDbClient client, String table, Clock clock) {
    this.client = client;
    this.table = table;
    this.clock = clock;
  }

  private static Map<String, AttributeValue> key(String accountId, String sessionId) {
    return Items.key("ACCOUNT#" + accountId, SK_PREFIX + sessionId);
  }

  /**
   * Records a new live session unless the account already has {@code liveLimit} live ones; false when refused.
   * Counting and writing are two calls, so the session is written first and counted after: starts racing at the
   * limit all see each other and the surplus backs off (at worst all of them — the user retries), where
   * count-then-write would let every one of them in.
   */
  public boolean tryStart(TerminalSession session, int liveLimit) {
    if (!write(session)) {
      return false;
    }
    if (countLive(session.accountId()) > liveLimit) {
      client.deleteItem(b -> b.tableName(table).key(key(session.accountId(), session.sessionId())));
      return false;
    }
    return true;
  }

  private boolean write(TerminalSession session) {
    Instant now = clock.instant();
    Map<String, AttributeValue> item = new HashMap<>(key(session.accountId(), session.sessionId()));
    item.put("sessionId", s(session.sessionId()));
    item.put("serverId", s(session.serverId()));
    item.put("state", s(TerminalSession.State.LIVE.name()));
    item.put("startedAt", n(session.startedAt().toEpochMilli()));
    item.put("lastActivityAt", n(session.lastActivityAt().toEpochMilli()));
    item.put("bytesIn", n(session.bytesIn()));
    item.put("bytesOut", n(session.bytesOut()));
    item.put("recordingAvailable", AttributeValue.fromBool(false));
    item.put("terminateRequested", AttributeValue.fromBool(false));
    item.put("liveUntil", n(now.plus(LIVE_LEASE).getEpochSecond()));
    item.put(Items.TTL, Items.ttl(now.plus(LIVE_LEASE).plus(RETENTION)));
    try {
      client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    } catch (ConditionalCheckFailedException duplicate) {
      // the SDK retries a put whose response timed out: finding our own item is success, anything else is not
      return find(session.accountId(), session.sessionId())
          .map(existing -> existing.state() == TerminalSession.State.LIVE
              && existing.startedAt().toEpochMilli() == session.startedAt().toEpochMilli())
          .orElse(false);
    }
    return true;
  }

  /** Live sessions of an account: LIVE and still within their lease. */
  public int countLive(String accountId) {
    long now = clock.instant().getEpochSecond();
    int count = 0;
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      QueryResponse page = client.query(b -> b.tableName(table).consistentRead(true)
          .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
          .filterExpression("#state = :live AND liveUntil > :now")
          .expressionAttributeNames(Map.of("#state", "state"))
          .expressionAttributeValues(Map.of(":pk", s("ACCOUNT#" + accountId), ":prefix", s(SK_PREFIX),
              ":live", s(TerminalSession.State.LIVE.name()), ":now", n(now)))
          .exclusiveStartKey(from));
      count += page.count();
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    return count;
  }

  /**
   * Writes the running totals and renews the live lease; returns whether the API asked for the session to end. False
   * (and nothing written) when the session is gone or already ended.
   */
  public boolean recordActivity(String accountId, String sessionId, Instant lastActivityAt, long bytesIn, long bytesOut) {
    Instant now = clock.instant();
    try {
      Map<String, AttributeValue> after = client.updateItem(b -> b.tableName(table).key(key(accountId, sessionId))
          .conditionExpression("#state = :live")
          .updateExpression("SET lastActivityAt = :at, bytesIn = :in, bytesOut = :out, liveUntil = :until, #ttl = :ttl")
          .expressionAttributeNames(Map.of("#state", "state", "#ttl", Items.TTL))
          .expressionAttributeValues(Map.of(":live", s(TerminalSession.State.LIVE.name()),
              ":at", n(lastActivityAt.toEpochMilli()), ":in", n(bytesIn), ":out", n(bytesOut),
              ":until", n(now.plus(LIVE_LEASE).getEpochSecond()), ":ttl", Items.ttl(now.plus(LIVE_LEASE).plus(RETENTION))))
          .returnValues(ReturnValue.ALL_NEW)).attributes();
      return Boolean.TRUE.equals(after.get("terminateRequested").bool());
    } catch (ConditionalCheckFailedException ended) {
      return false;
    }
  }

  /** Marks the session ended with its final totals. Idempotent. */
  public void end(String accountId, String sessionId, Instant lastActivityAt, long bytesIn, long bytesOut,
      boolean recordingAvailable) {
    Instant now = clock.instant();
    try {
      client.updateItem(b -> b.tableName(table).key(key(accountId, sessionId))
          .conditionExpression("attribute_exists(pk)")
          .updateExpression("SET #state = :ended, lastActivityAt = :at, bytesIn = :in, bytesOut = :out, "
              + "recordingAvailable = :rec, endedAt = :now, #ttl = :ttl REMOVE liveUntil")
          .expressionAttributeNames(Map.of("#state", "state", "#ttl", Items.TTL))
          .expressionAttributeValues(Map.of(":ended", s(TerminalSession.State.TERMINATED.name()),
              ":at", n(lastActivityAt.toEpochMilli()), ":in", n(bytesIn), ":out", n(bytesOut),
              ":rec", AttributeValue.fromBool(recordingAvailable), ":now", n(now.toEpochMilli()),
              ":ttl", Items.ttl(now.plus(RETENTION)))));
    } catch (ConditionalCheckFailedException missing) {
      // never started (refused before tryStart) or already expired: nothing to end
    }
  }

  /**
   * Asks the relay holding the session to end it (the API's DELETE). False when the account has no such live session.
   */
  public boolean requestTerminate(String accountId, String sessionId) {
    try {
      client.updateItem(b -> b.tableName(table).key(key(accountId, sessionId))
          .conditionExpression("#state = :live")
          .updateExpression("SET terminateRequested = :yes")
          .expressionAttributeNames(Map.of("#state", "state"))
          .expressionAttributeValues(Map.of(":live", s(TerminalSession.State.LIVE.name()),
              ":yes", AttributeValue.fromBool(true))));
    } catch (ConditionalCheckFailedException notLive) {
      return false;
    }
    Map<String, AttributeValue> request = new HashMap<>(Items.key(TERMINATE_PK, sessionId));
    request.put("accountId", s(accountId));
    request.put(Items.TTL, Items.ttl(clock.instant().plus(TERMINATE_REQUEST_TTL)));
    client.putItem(b -> b.tableName(table).item(request));
    return true;
  }

  /** Session ids whose termination was requested in the last few minutes, across all accounts: one Query. */
  public Set<String> pendingTerminations() {
    Set<String> ids = new HashSet<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      QueryResponse page = client.query(b -> b.tableName(table).consistentRead(true)
          .keyConditionExpression("pk = :pk")
          .filterExpression("#ttl > :now")
          .expressionAttributeNames(Map.of("#ttl", Items.TTL))
          .expressionAttributeValues(Map.of(":pk", s(TERMINATE_PK), ":now", n(clock.instant().getEpochSecond())))
          .exclusiveStartKey(from));
      page.items().forEach(item -> ids.add(str(item, Items.SK)));
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    return ids;
  }

  public Optional<TerminalSession> find(String accountId, String sessionId) {
    Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(key(accountId, sessionId))
        .consistentRead(true)).item();
    return Items.live(item, clock).map(i -> fromItem(accountId, i));
  }

  /** All sessions of an account still retained, newest first. */
  public List<TerminalSession> list(String accountId) {
    return client.query(b -> b.tableName(table).consistentRead(true)
            .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
            .expressionAttributeValues(Map.of(":pk", s("ACCOUNT#" + accountId), ":prefix", s(SK_PREFIX))))
        .items().stream()
        .flatMap(i -> Items.live(i, clock).stream())
        .map(i -> fromItem(accountId, i))
        .sorted((a, b) -> b.startedAt().compareTo(a.startedAt()))
        .toList();
  }

  private TerminalSession fromItem(String accountId, Map<String, AttributeValue> item) {
    TerminalSession.State state = TerminalSession.State.valueOf(str(item, "state"));
    if (state == TerminalSession.State.LIVE && num(item, "liveUntil") <= clock.instant().getEpochSecond()) {
      // the relay holding it stopped renewing (crashed): it is not live any more
      state = TerminalSession.State.TERMINATED;
    }
    return new TerminalSession(str(item, "sessionId"), accountId, str(item, "serverId"), state,
        Instant.ofEpochMilli(num(item, "startedAt")), Instant.ofEpochMilli(num(item, "lastActivityAt")),
        num(item, "bytesIn"), num(item, "bytesOut"), bool(item, "recordingAvailable"), bool(item, "terminateRequested"));
  }

  private static boolean bool(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v != null && Boolean.TRUE.equals(v.bool());
  }
}
