package dev.xanthus.core.terminal;

import static dev.xanthus.core.dynamo.Items.n;
import static dev.xanthus.core.dynamo.Items.num;
import static dev.xanthus.core.dynamo.Items.s;
import static dev.xanthus.core.dynamo.Items.str;

import dev.xanthus.core.crypto.SecretBox;
import dev.xanthus.core.dynamo.Expr;
import dev.xanthus.core.dynamo.Items;
import dev.xanthus.core.dynamo.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Single-use terminal tickets in the single table under {@code pk = TICKET#<sha256(ticket)>}. The ticket itself is
 * never stored, only its hash; the private key is sealed with AES-GCM bound to that hash.
 */
public final class TicketRepository {

    public static final Duration TTL = Duration.ofSeconds(60);

    private static final String PREFIX = "TICKET#";
    private static final String SK = "TICKET";
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * One long attempt for the redeeming delete: a retry after a timed-out attempt that did delete would find the ticket
     * gone and refuse a valid ticket, so a slow table must not trigger the SDK's retry-on-timeout.
     */
    private static final Duration CONSUME_TIMEOUT = Duration.ofSeconds(10);

    private final Table table;
    private final SecretBox box;

    public TicketRepository(DynamoDbClient client, String table, SecretBox box, Clock clock) {
        this.table = new Table(client, table, clock);
        this.box = box;
    }

    /** Stores the ticket, valid for {@link #TTL} from now, and returns the secret to hand to the browser (once). */
    public String issue(TerminalTicket ticket) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String plaintext = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String hash = hash(plaintext);
        Instant expiresAt = table.now().plus(TTL);
        Map<String, AttributeValue> item = new HashMap<>(Items.key(PREFIX + hash, SK));
        item.put("sessionId", s(ticket.sessionId()));
        item.put("accountId", s(ticket.accountId()));
        item.put("serverId", s(ticket.serverId()));
        item.put("host", s(ticket.host()));
        item.put("port", n(ticket.port()));
        item.put("user", s(ticket.user()));
        item.put("privateKey", s(box.seal(ticket.privateKeyPem(), context(hash))));
        item.put("hostKeyFingerprint", s(ticket.hostKeyFingerprint()));
        item.put("cols", n(ticket.cols()));
        item.put("rows", n(ticket.rows()));
        item.put("record", AttributeValue.fromBool(ticket.record()));
        item.put(Items.TTL, Items.ttl(expiresAt));
        // A 256-bit random collision is not a real risk; the condition just makes an overwrite impossible by
        // construction.
        if (!table.putIf(item, Expr.absent())) {
            throw new IllegalStateException("ticket hash collision");
        }
        return plaintext;
    }

    /**
     * Redeems a ticket: deletes it and returns what it held, atomically, so two concurrent redemptions cannot both
     * succeed. Empty when the ticket is unknown, already used or expired.
     */
    public Optional<TerminalTicket> consume(String ticket) {
        if (ticket == null || ticket.isBlank() || ticket.length() > 256) {
            return Optional.empty();
        }
        String hash = hash(ticket);
        Map<String, AttributeValue> old;
        try {
            old = table.client()
                    .deleteItem(b -> b.tableName(table.name())
                            .key(Items.key(PREFIX + hash, SK))
                            .conditionExpression("attribute_exists(pk) AND #ttl > :now")
                            .expressionAttributeNames(Map.of("#ttl", Items.TTL))
                            .expressionAttributeValues(
                                    Map.of(":now", n(table.now().getEpochSecond())))
                            .returnValues(ReturnValue.ALL_OLD)
                            .overrideConfiguration(o ->
                                    o.apiCallAttemptTimeout(CONSUME_TIMEOUT).apiCallTimeout(CONSUME_TIMEOUT)))
                    .attributes();
        } catch (ConditionalCheckFailedException unknownUsedOrExpired) {
            return Optional.empty();
        }
        return Items.live(old, table.clock()).map(item -> fromItem(item, hash));
    }

    /** The hex SHA-256 of a ticket: what the table is keyed by. */
    static String hash(String ticket) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(ticket.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static String context(String hash) {
        return "ticket:" + hash + ":privateKey";
    }

    private TerminalTicket fromItem(Map<String, AttributeValue> item, String hash) {
        AttributeValue record = item.get("record");
        return new TerminalTicket(
                str(item, "sessionId"),
                str(item, "accountId"),
                str(item, "serverId"),
                str(item, "host"),
                (int) num(item, "port"),
                str(item, "user"),
                box.open(str(item, "privateKey"), context(hash)),
                str(item, "hostKeyFingerprint"),
                (int) num(item, "cols"),
                (int) num(item, "rows"),
                record != null && Boolean.TRUE.equals(record.bool()),
                Instant.ofEpochSecond(num(item, Items.TTL)));
    }
}
