package dev.xanthus.clients.cloudflare;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Cloudflare API v4 operations Xanthus uses. An instance is bound to one API token ({@link #withToken}); binding is
 * cheap and shares the underlying HTTP client, so services bind the user's token per request. Every operation throws
 * {@link CloudflareException} on failure. Reads (bulk KV reads included), KV deletes and bulk KV writes are retried
 * on 429/5xx/dropped connections; other writes and deletes are sent once.
 */
public interface CloudflareClient {

    /** A client for the same API acting with {@code apiToken}. */
    CloudflareClient withToken(String apiToken);

    /** {@code GET /user/tokens/verify}: a user-owned token. */
    TokenVerification verifyToken();

    /** {@code GET /accounts/{account_id}/tokens/verify}: an account-owned token. */
    TokenVerification verifyAccountToken(String accountId);

    List<Membership> listMemberships();

    /** Every account the token can see, all pages. */
    List<Account> listAccounts();

    User getUser();

    /** Every KV namespace of the account, all pages. */
    List<KvNamespace> listKvNamespaces(String accountId);

    KvNamespace createKvNamespace(String accountId, String title);

    /** The raw value, or empty when the key does not exist. */
    Optional<byte[]> getKvValue(String accountId, String namespaceId, String key);

    default Optional<String> getKvString(String accountId, String namespaceId, String key) {
        return getKvValue(accountId, namespaceId, key).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    void putKvValue(String accountId, String namespaceId, String key, byte[] value);

    default void putKvString(String accountId, String namespaceId, String key, String value) {
        putKvValue(accountId, namespaceId, key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Deleting a missing key succeeds, as on Cloudflare. */
    void deleteKvValue(String accountId, String namespaceId, String key);

    /**
     * {@code POST …/bulk/get}: the text values of {@code keys}, {@value HttpCloudflareClient#BULK_GET_MAX} a call
     * (more are split into calls sent side by side). Keys without a value are absent from the map.
     */
    Map<String, String> getKvStrings(String accountId, String namespaceId, List<String> keys);

    /** {@code PUT …/bulk}: writes the pairs, {@value HttpCloudflareClient#BULK_WRITE_MAX} a call. */
    void putKvStrings(String accountId, String namespaceId, List<KvWrite> writes);

    /** {@code POST …/bulk/delete}: deletes the keys (missing ones too), {@value HttpCloudflareClient#BULK_WRITE_MAX}
     * a call. */
    void deleteKvValues(String accountId, String namespaceId, List<String> keys);

    /** Every key starting with {@code prefix} (null for all), following the cursor to the end. */
    List<KvKey> listKvKeys(String accountId, String namespaceId, String prefix);

    /** Every zone the token can see, all pages. */
    List<Zone> listZones();

    Optional<Zone> findZoneByName(String name);

    /** One zone the token can see, if any, from the first page only: what the sign-in token check probes with. */
    default Optional<Zone> firstZone() {
        return listZones().stream().findFirst();
    }

    /** The zone's DNS records, all pages, optionally filtered by exact name and type (null for any). */
    List<DnsRecord> listDnsRecords(String zoneId, String name, String type);

    DnsRecord createDnsRecord(String zoneId, DnsRecordInput record);

    DnsRecord updateDnsRecord(String zoneId, String recordId, DnsRecordInput record);

    void deleteDnsRecord(String zoneId, String recordId);

    OriginCertificate createOriginCertificate(OriginCertificateRequest request);

    /**
     * {@code GET /certificates?zone_id=}: the zone's unrevoked Origin CA certificates, all pages. How a certificate whose
     * create answer was lost is found again.
     */
    List<OriginCertificate> listOriginCertificates(String zoneId);

    void revokeOriginCertificate(String certificateId);

    ZoneSetting getZoneSetting(String zoneId, ZoneSetting.Id setting);

    ZoneSetting updateZoneSetting(String zoneId, ZoneSetting.Id setting, String value);

    List<PageRule> listPageRules(String zoneId);

    PageRule createPageRule(String zoneId, PageRuleInput rule);

    void deletePageRule(String zoneId, String pageRuleId);
}
