package dev.xanthus.core.server;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.xanthus.clients.http.TransportException;
import dev.xanthus.clients.oci.OciClient;
import dev.xanthus.clients.oci.OciCredentials;
import dev.xanthus.clients.oci.OciException;
import dev.xanthus.clients.oci.OciKeyException;
import dev.xanthus.clients.oci.OciKeys;
import dev.xanthus.clients.oci.RegionSubscription;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.crypto.GoTokenCipher;
import dev.xanthus.core.crypto.SecretBox;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.kv.KvKeys;
import dev.xanthus.core.kv.KvStore;
import dev.xanthus.core.upstream.OciFailures;
import dev.xanthus.core.upstream.Upstreams;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The user's Oracle Cloud API key: KV {@code config:oci:credentials}, sealed the way the Hetzner key is (so only a
 * holder of the Cloudflare token reads it). The Go program kept the same values as plain base64 JSON under
 * {@code oci_token}, readable by anyone with KV access; such a value is moved into the sealed key the first time it
 * is read, and the plaintext copy deleted. The Go program therefore no longer sees OCI credentials written here — a
 * deliberate trade: its format has no room for encryption, and a private key must not sit in KV in the clear.
 */
public final class OciSettings {

    public static final String KV_KEY = KvKeys.OCI_CREDENTIALS;
    public static final String GO_KV_KEY = "oci_token";
    private static final Pattern TENANCY = Pattern.compile("ocid1\\.tenancy\\.oc[0-9]{1,2}\\.\\.[a-z0-9]{20,120}");
    private static final Pattern USER = Pattern.compile("ocid1\\.user\\.oc[0-9]{1,2}\\.\\.[a-z0-9]{20,120}");
    private static final Pattern FINGERPRINT = Pattern.compile("([0-9a-f]{2}:){15}[0-9a-f]{2}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2,3}-[a-z]{3,20}-[0-9]{1,2}");

    private final Function<OciCredentials, OciClient> clients;

    /** {@code clients} binds an OCI client to one set of credentials and their region. */
    public OciSettings(Function<OciCredentials, OciClient> clients) {
        this.clients = clients;
    }

    /** {@code PUT /settings/oci}. */
    public record StoreRequest(
            String tenancy,
            String user,
            String fingerprint,
            String region,
            @JsonProperty("private_key") String privateKey) {
        @Override
        public String toString() {
            return "StoreRequest[tenancy=" + tenancy + ", user=" + user + ", region=" + region + "]";
        }
    }

    /** What the settings page shows; never the key. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(
            boolean configured, String tenancy, String user, String fingerprint, String region, String homeRegion) {
        public static final Status NONE = new Status(false, null, null, null, null, null);
    }

    /** What is sealed in KV (the Go token's fields, plus the home region found at validation). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Stored(
            @JsonProperty("tenancy") String tenancy,
            @JsonProperty("user") String user,
            @JsonProperty("fingerprint") String fingerprint,
            @JsonProperty("region") String region,
            @JsonProperty("private_key") String privateKey,
            @JsonProperty("home_region") String homeRegion) {
        @JsonIgnore
        OciCredentials credentials() {
            return new OciCredentials(tenancy, user, fingerprint, privateKey, region);
        }

        @JsonIgnore
        Status status() {
            return new Status(true, tenancy, user, fingerprint, region, homeRegion);
        }

        @Override
        public String toString() {
            return "Stored[tenancy=" + tenancy + ", region=" + region + "]";
        }
    }

    public Status status(Principal principal) {
        return stored(principal).map(Stored::status).orElse(Status.NONE);
    }

    /**
     * Checks the format, that the key matches its fingerprint, then makes a signed call (the user, then the tenancy's
     * region subscriptions for the home region); only then stores. A refused key changes nothing.
     */
    public Status store(Principal principal, StoreRequest request) {
        if (request == null) {
            throw invalid("tenancy", "Send tenancy, user, fingerprint, region and private_key.");
        }
        String tenancy = require(
                request.tenancy(),
                TENANCY,
                "tenancy",
                "The tenancy OCID looks like ocid1.tenancy.oc1..aaaa… (OCI console → Profile → Tenancy).");
        String user = require(
                request.user(),
                USER,
                "user",
                "The user OCID looks like ocid1.user.oc1..aaaa… (OCI console → Profile → My profile).");
        String fingerprint = require(
                lower(request.fingerprint()),
                FINGERPRINT,
                "fingerprint",
                "The fingerprint is 16 hex pairs separated by colons (My profile → API keys).");
        String region = require(
                lower(request.region()), REGION, "region", "The region is an identifier such as eu-frankfurt-1.");
        String key = request.privateKey() == null ? "" : request.privateKey().trim();
        String actual;
        try {
            actual = OciKeys.fingerprintOfPrivateKey(key);
        } catch (OciKeyException e) {
            throw invalid(
                    "private_key",
                    "The private key must be an unencrypted RSA key in PEM form (the "
                            + "oci_api_key.pem the console lets you download): " + e.getMessage());
        }
        if (!actual.equals(fingerprint)) {
            throw invalid(
                    "fingerprint",
                    "The fingerprint does not belong to this private key (the key's is " + actual + ").");
        }
        OciCredentials credentials = new OciCredentials(tenancy, user, fingerprint, key, region);
        List<RegionSubscription> regions = validate(credentials);
        String home = regions.stream()
                .filter(RegionSubscription::isHomeRegion)
                .map(RegionSubscription::regionName)
                .findFirst()
                .orElse(null);
        if (regions.stream().noneMatch(r -> region.equals(r.regionName()))) {
            throw invalid(
                    "region",
                    "The tenancy is not subscribed to " + region + "; it has "
                            + String.join(
                                    ", ",
                                    regions.stream()
                                            .map(RegionSubscription::regionName)
                                            .toList()) + ".");
        }
        Stored stored = new Stored(tenancy, user, fingerprint, region, key, home);
        save(principal, stored);
        return stored.status();
    }

    public void delete(Principal principal) {
        Upstreams.cloudflareRun(() -> principal.kv().deleteAll(List.of(KV_KEY, GO_KV_KEY)));
    }

    /** The stored credentials, or 409 {@code OCI_CREDENTIALS_REQUIRED}. */
    public OciCredentials credentials(Principal principal) {
        return stored(principal)
                .map(Stored::credentials)
                .orElseThrow(() -> AppException.conflict(
                        "OCI_CREDENTIALS_REQUIRED", "Add your Oracle Cloud API key in the settings first."));
    }

    public boolean hasCredentials(Principal principal) {
        return stored(principal).isPresent();
    }

    public OciClient client(OciCredentials credentials) {
        return clients.apply(credentials);
    }

    private List<RegionSubscription> validate(OciCredentials credentials) {
        OciClient client = clients.apply(credentials);
        try {
            client.getUser(credentials.user());
            return client.listRegionSubscriptions(credentials.tenancy());
        } catch (OciException e) {
            if (e.status() == 401 || e.status() == 404 || e.is(OciException.NOT_AUTHORIZED_OR_NOT_FOUND)) {
                throw new AppException.BadRequest(
                        "OCI_CREDENTIALS_REJECTED",
                        "Oracle Cloud refused a call signed with this key (" + e.code()
                                + "): check that the public key is "
                                + "added to this user and that tenancy, user and fingerprint belong together.",
                        Map.of("field", "private_key"));
            }
            throw OciFailures.of(e);
        } catch (TransportException e) {
            throw OciFailures.unreachable(e);
        }
    }

    private Optional<Stored> stored(Principal principal) {
        GoTokenCipher cipher = new GoTokenCipher(principal.cloudflareToken());
        // Ours and the Go program's key in one bulk read: most accounts have neither, and two reads in a row cost a
        // second round trip on every settings page and server list.
        Map<String, String> found = Upstreams.cloudflare(() -> principal.kv().getAllRaw(List.of(KV_KEY, GO_KV_KEY)));
        Optional<String> raw = Optional.ofNullable(found.get(KV_KEY));
        if (raw.isPresent()) {
            try {
                String sealed = KvStore.JSON.readValue(raw.get(), String.class);
                return Optional.of(KvStore.JSON.readValue(cipher.decrypt(sealed), Stored.class));
            } catch (JsonProcessingException | SecretBox.SealedValueException e) {
                throw AppException.conflict(
                        "OCI_CREDENTIALS_UNREADABLE",
                        "The stored Oracle Cloud key was saved under another Cloudflare token and cannot be read. Enter it again.");
            }
        }
        return Optional.ofNullable(found.get(GO_KV_KEY)).flatMap(token -> migrate(principal, token));
    }

    /** The Go program's plaintext token, sealed under our key and then removed. */
    private Optional<Stored> migrate(Principal principal, String rawToken) {
        try {
            String token = rawToken.startsWith("\"") ? KvStore.JSON.readValue(rawToken, String.class) : rawToken;
            Stored stored = KvStore.JSON.readValue(Base64.getDecoder().decode(token.trim()), Stored.class);
            if (stored.tenancy() == null || stored.user() == null || stored.privateKey() == null) {
                return Optional.empty();
            }
            save(principal, stored);
            Upstreams.cloudflareRun(() -> principal.kv().delete(GO_KV_KEY));
            return Optional.of(stored);
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static void save(Principal principal, Stored stored) {
        String json;
        try {
            json = KvStore.JSON.writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String sealed = new GoTokenCipher(principal.cloudflareToken()).encrypt(json);
        Upstreams.cloudflareRun(() -> principal.kv().put(KV_KEY, sealed));
    }

    private static String require(String value, Pattern format, String field, String message) {
        String v = value == null ? "" : value.trim();
        if (!format.matcher(v).matches()) {
            throw invalid(field, message);
        }
        return v;
    }

    private static String lower(String value) {
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }

    private static AppException.BadRequest invalid(String field, String message) {
        return new AppException.BadRequest("INVALID_OCI_CREDENTIALS", message, Map.of("field", field));
    }
}
