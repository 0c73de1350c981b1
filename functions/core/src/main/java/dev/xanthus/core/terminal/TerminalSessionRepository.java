package dev.xanthus.core.terminal;

import static dev.xanthus.core.dynamo.Items.n;
import static dev.xanthus.core.dynamo.Items.num;
import static dev.xanthus.core.dynamo.Items.s;
import static dev.xanthus.core.dynamo.Items.str;

import dev.xanthus.core.dynamo.Expr;
import dev.xanthus.core.dynamo.Items;
import dev.xanthus.core.dynamo.Table;
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

    private final Table table;

    public TerminalSessionRepository(DynamoDbClient client, String table, Clock clock) {
        this.table = new Table(client, table, clock);
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
            table.delete(key(session.accountId(), session.sessionId()));
            return false;
        }
        return true;
    }

    private boolean write(TerminalSession session) {
        Instant now = table.now();
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
        if (table.putIf(item, Expr.absent())) {
            return true;
        }
        // the SDK retries a put whose response timed out: finding our own item is success, anything else is not
        return find(session.accountId(), session.sessionId())
                .map(existing -> existing.state() == TerminalSession.State.LIVE
                        && existing.startedAt().toEpochMilli()
                                == session.startedAt().toEpochMilli())
                .orElse(false);
    }

    /** Live sessions of an account: LIVE and still within their lease. */
    public int countLive(String accountId) {
        Expr live = state("#state = :live AND liveUntil > :now")
                .value(":now", table.now().getEpochSecond());
        return table.query(ofAccount(accountId), live).size();
    }

    /**
     * Writes the running totals and renews the live lease; returns whether the API asked for the session to end. False
     * (and nothing written) when the session is gone or already ended.
     */
    public boolean recordActivity(
            String accountId, String sessionId, Instant lastActivityAt, long bytesIn, long bytesOut) {
        Instant now = table.now();
        Expr renew = totals(
                        "SET lastActivityAt = :at, bytesIn = :in, bytesOut = :out, liveUntil = :until, #ttl = :ttl",
                        lastActivityAt,
                        bytesIn,
                        bytesOut)
                .value(":until", now.plus(LIVE_LEASE).getEpochSecond())
                .value(":ttl", Items.ttl(now.plus(LIVE_LEASE).plus(RETENTION)));
        return table.updateIfReturning(key(accountId, sessionId), renew, state("#state = :live"))
                .map(after -> bool(after, "terminateRequested"))
                .orElse(false); // gone or ended
    }

    /** Marks the session ended with its final totals. Idempotent. */
    public void end(
            String accountId,
            String sessionId,
            Instant lastActivityAt,
            long bytesIn,
            long bytesOut,
            boolean recordingAvailable) {
        Instant now = table.now();
        Expr ended = totals(
                        "SET #state = :ended, lastActivityAt = :at, bytesIn = :in, bytesOut = :out, "
                                + "recordingAvailable = :rec, endedAt = :now, #ttl = :ttl REMOVE liveUntil",
                        lastActivityAt,
                        bytesIn,
                        bytesOut)
                .name("#state", "state")
                .value(":ended", TerminalSession.State.TERMINATED.name())
                .value(":rec", recordingAvailable)
                .value(":now", now.toEpochMilli())
                .value(":ttl", Items.ttl(now.plus(RETENTION)));
        // false when it never started (refused before tryStart) or already expired: nothing to end
        table.updateIf(key(accountId, sessionId), ended, Expr.of("attribute_exists(pk)"));
    }

    /**
     * Asks the relay holding the session to end it (the API's DELETE). False when the account has no such live session.
     */
    public boolean requestTerminate(String accountId, String sessionId) {
        if (!table.updateIf(
                key(accountId, sessionId),
                Expr.of("SET terminateRequested = :yes").value(":yes", true),
                state("#state = :live"))) {
            return false; // not live
        }
        Map<String, AttributeValue> request = new HashMap<>(Items.key(TERMINATE_PK, sessionId));
        request.put("accountId", s(accountId));
        request.put(Items.TTL, Items.ttl(table.now().plus(TERMINATE_REQUEST_TTL)));
        table.put(request);
        return true;
    }

    /** Session ids whose termination was requested in the last few minutes, across all accounts: one Query. */
    public Set<String> pendingTerminations() {
        Expr recent = Expr.of("#ttl > :now")
                .name("#ttl", Items.TTL)
                .value(":now", table.now().getEpochSecond());
        Set<String> ids = new HashSet<>();
        table.query(Expr.of("pk = :pk").value(":pk", TERMINATE_PK), recent)
                .forEach(item -> ids.add(str(item, Items.SK)));
        return ids;
    }

    public Optional<TerminalSession> find(String accountId, String sessionId) {
        return table.find(key(accountId, sessionId)).map(i -> fromItem(accountId, i));
    }

    /** All sessions of an account still retained, newest first. */
    public List<TerminalSession> list(String accountId) {
        return table.query(ofAccount(accountId), null).stream()
                .map(i -> fromItem(accountId, i))
                .sorted((a, b) -> b.startedAt().compareTo(a.startedAt()))
                .toList();
    }

    /** The key condition of an account's sessions. */
    private static Expr ofAccount(String accountId) {
        return Expr.of("pk = :pk AND begins_with(sk, :prefix)")
                .value(":pk", "ACCOUNT#" + accountId)
                .value(":prefix", SK_PREFIX);
    }

    /** A condition on the session's state: {@code #state}, with {@code :live} the live state. */
    private static Expr state(String condition) {
        return Expr.of(condition).name("#state", "state").value(":live", TerminalSession.State.LIVE.name());
    }

    /** An update that writes the running totals ({@code :at}, {@code :in}, {@code :out}) and the ttl ({@code #ttl}). */
    private static Expr totals(String update, Instant lastActivityAt, long bytesIn, long bytesOut) {
        return Expr.of(update)
                .name("#ttl", Items.TTL)
                .value(":at", lastActivityAt.toEpochMilli())
                .value(":in", bytesIn)
                .value(":out", bytesOut);
    }

    private TerminalSession fromItem(String accountId, Map<String, AttributeValue> item) {
        TerminalSession.State state = TerminalSession.State.valueOf(str(item, "state"));
        if (state == TerminalSession.State.LIVE
                && num(item, "liveUntil") <= table.now().getEpochSecond()) {
            // the relay holding it stopped renewing (crashed): it is not live any more
            state = TerminalSession.State.TERMINATED;
        }
        return new TerminalSession(
                str(item, "sessionId"),
                accountId,
                str(item, "serverId"),
                state,
                Instant.ofEpochMilli(num(item, "startedAt")),
                Instant.ofEpochMilli(num(item, "lastActivityAt")),
                num(item, "bytesIn"),
                num(item, "bytesOut"),
                bool(item, "recordingAvailable"),
                bool(item, "terminateRequested"));
    }

    private static boolean bool(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v != null && Boolean.TRUE.equals(v.bool());
    }
}
