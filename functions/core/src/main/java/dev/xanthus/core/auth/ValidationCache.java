package dev.xanthus.core.auth;

import static dev.xanthus.core.dynamo.Items.n;
import static dev.xanthus.core.dynamo.Items.num;
import static dev.xanthus.core.dynamo.Items.s;
import static dev.xanthus.core.dynamo.Items.str;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.core.crypto.Hashes;
import dev.xanthus.core.dynamo.Items;
import dev.xanthus.core.dynamo.Table;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The token-validation cache: {@code pk = TOKEN#sha256(token)}, {@code sk = VALIDATION#<account or default>},
 * valid for {@link #TTL} from the validation, checked on read. The token check's answer is kept with it (attribute
 * {@code permissions}), so a cached sign-in costs no probe.
 */
public final class ValidationCache {

    public static final Duration TTL = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<TokenValidation.AccountRef>> ACCOUNTS = new TypeReference<>() {};
    private static final TypeReference<List<TokenCheck.Permission>> PERMISSIONS = new TypeReference<>() {};

    private final Table table;

    public ValidationCache(DynamoDbClient client, String table, Clock clock) {
        this.table = new Table(client, table, clock);
    }

    private static Map<String, AttributeValue> key(String token, String requestedAccount) {
        return Items.key(
                "TOKEN#" + Hashes.sha256Hex(token),
                "VALIDATION#" + (requestedAccount == null ? "default" : requestedAccount));
    }

    public Optional<TokenValidation> find(String token, String requestedAccount) {
        return table.findCached(key(token, requestedAccount)).map(ValidationCache::fromItem);
    }

    public void put(String token, String requestedAccount, TokenValidation validation) {
        Map<String, AttributeValue> item = new HashMap<>(key(token, requestedAccount));
        item.put("accountId", s(validation.accountId()));
        item.put("email", s(validation.email() == null ? "" : validation.email()));
        item.put("name", s(validation.name() == null ? "" : validation.name()));
        item.put("namespaceId", s(validation.namespaceId()));
        try {
            item.put("accounts", s(JSON.writeValueAsString(validation.accounts())));
            if (validation.permissions() != null) {
                item.put("permissions", s(JSON.writeValueAsString(validation.permissions())));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        item.put("validatedAt", n(validation.validatedAt().getEpochSecond()));
        item.put(Items.TTL, Items.ttl(validation.validatedAt().plus(TTL)));
        table.put(item);
    }

    /** Forgets what is cached for {@code token} (its default account and {@code accountId}): the next sign-in asks. */
    public void forget(String token, String accountId) {
        table.delete(key(token, null));
        table.delete(key(token, accountId));
    }

    /**
     * Drops every cached validation; returns how many. For the local sandbox only: its simulators start empty, so every
     * cached namespace id is dead after a restart and a sign-in must look again (a full table scan — fine for the local
     * table, never used by the functions).
     */
    public static int clearAll(DynamoDbClient client, String table) {
        int cleared = 0;
        for (Map<String, AttributeValue> item : client.scanPaginator(b -> b.tableName(table)
                        .filterExpression("begins_with(#pk, :token) AND begins_with(#sk, :validation)")
                        .expressionAttributeNames(Map.of("#pk", Items.PK, "#sk", Items.SK))
                        .expressionAttributeValues(Map.of(":token", s("TOKEN#"), ":validation", s("VALIDATION#"))))
                .items()) {
            client.deleteItem(
                    b -> b.tableName(table).key(Map.of(Items.PK, item.get(Items.PK), Items.SK, item.get(Items.SK))));
            cleared++;
        }
        return cleared;
    }

    private static TokenValidation fromItem(Map<String, AttributeValue> item) {
        try {
            // Items written before the token check have no "permissions": read as null (not checked), not as corrupt.
            String permissions = str(item, "permissions");
            return new TokenValidation(
                    str(item, "accountId"),
                    str(item, "email"),
                    str(item, "name"),
                    str(item, "namespaceId"),
                    JSON.readValue(str(item, "accounts"), ACCOUNTS),
                    Instant.ofEpochSecond(num(item, "validatedAt")),
                    permissions == null ? null : JSON.readValue(permissions, PERMISSIONS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt validation cache item", e);
        }
    }
}
