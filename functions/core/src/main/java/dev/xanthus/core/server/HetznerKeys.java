package dev.xanthus.core.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.xanthus.clients.hetzner.HetznerClient;
import dev.xanthus.clients.hetzner.HetznerException;
import dev.xanthus.clients.http.TransportException;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.crypto.GoTokenCipher;
import dev.xanthus.core.crypto.SecretBox;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.kv.KvKeys;
import dev.xanthus.core.kv.KvStore;
import dev.xanthus.core.upstream.HetznerFailures;
import dev.xanthus.core.upstream.Upstreams;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The user's Hetzner API key: KV {@code config:hetzner:api_key}, encrypted the Go program's way so both programs read
 * it. A key written under a Cloudflare token the user has since rotated cannot be decrypted; that is reported as
 * {@code HETZNER_KEY_UNREADABLE}, never treated as "no key" or silently replaced.
 */
public final class HetznerKeys {

    public static final String KV_KEY = KvKeys.HETZNER_KEY;
    private static final Pattern KEY_FORMAT = Pattern.compile("[A-Za-z0-9_-]{8,256}");

    private final Function<String, HetznerClient> clients;

    /** {@code clients} binds a Hetzner client to a project key. */
    public HetznerKeys(Function<String, HetznerClient> clients) {
        this.clients = clients;
    }

    public static final String READ_WRITE = "read_write";
    public static final String READ_ONLY = "read_only";
    public static final String UNKNOWN = "unknown";
    /** Never a valid OpenSSH key, so the access probe can create nothing. */
    static final String PROBE_PUBLIC_KEY = "not-a-public-key";

    /**
     * What the settings page shows; never the key itself. {@code access}: {@value #READ_WRITE}, {@value #READ_ONLY}
     * or {@value #UNKNOWN} (null without a key, or when not asked for).
     */
    public record Status(boolean exists, String masked, String access) {}

    /**
     * {@code checkAccess} costs one Hetzner call, so only the settings page asks for it; the dashboard and the server
     * wizard only need to know a key is there (the probe put a Hetzner round trip in front of the dashboard's list).
     */
    public Status status(Principal principal, boolean checkAccess) {
        return stored(principal)
                .map(key -> new Status(true, mask(key), checkAccess ? access(key) : null))
                .orElse(new Status(false, null, null));
    }

    /**
     * Read-only or Read & Write, told apart by a write that changes nothing: {@code POST /ssh_keys} with an invalid
     * public key. Hetzner refuses a read-only token's write as {@code token_readonly} before looking at the body, and a
     * Read & Write token's as {@code invalid_input} (contracts/hetzner/README.md, fact 10a). Anything else: unknown.
     */
    String access(String key) {
        try {
            clients.apply(key).createSshKey("xanthus-access-check", PROBE_PUBLIC_KEY, Map.of());
            return UNKNOWN;
        } catch (HetznerException e) {
            return e.is(HetznerException.TOKEN_READONLY)
                    ? READ_ONLY
                    : e.is(HetznerException.INVALID_INPUT) ? READ_WRITE : UNKNOWN;
        } catch (TransportException e) {
            return UNKNOWN;
        }
    }

    /** Validates {@code key} with Hetzner, then stores it and reports its access; a refused key changes nothing. */
    public Status store(Principal principal, String key) {
        if (key == null || !KEY_FORMAT.matcher(key.trim()).matches()) {
            throw new AppException.BadRequest(
                    "INVALID_HETZNER_KEY",
                    "A Hetzner API key is 8–256 letters, digits, '-' and '_' (Hetzner Console → Security → API tokens).",
                    Map.of("field", "key"));
        }
        String trimmed = key.trim();
        try {
            clients.apply(trimmed).listLocations();
        } catch (HetznerException e) {
            if (e.status() == 401 || e.status() == 403) {
                throw new AppException.BadRequest(
                        "INVALID_HETZNER_KEY",
                        "Hetzner does not accept this key: " + HetznerFailures.message(e),
                        Map.of("field", "key"));
            }
            throw HetznerFailures.of(e);
        } catch (TransportException e) {
            throw HetznerFailures.unreachable(e);
        }
        String sealed = new GoTokenCipher(principal.cloudflareToken()).encrypt(trimmed);
        Upstreams.cloudflareRun(() -> principal.kv().put(KV_KEY, sealed));
        // A read-only key is stored too (it lists servers); the settings page says creates will fail.
        return new Status(true, mask(trimmed), access(trimmed));
    }

    public void delete(Principal principal) {
        Upstreams.cloudflareRun(() -> principal.kv().delete(KV_KEY));
    }

    /** A Hetzner client with the user's key, or 409 when there is none (or it cannot be read). */
    public HetznerClient client(Principal principal) {
        return clients.apply(stored(principal)
                .orElseThrow(() -> AppException.conflict(
                        "HETZNER_KEY_REQUIRED", "Add your Hetzner API key in the settings first.")));
    }

    private Optional<String> stored(Principal principal) {
        Optional<String> raw = Upstreams.cloudflare(() -> principal.kv().getRaw(KV_KEY));
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            String sealed = KvStore.JSON.readValue(raw.get(), String.class);
            return Optional.of(new GoTokenCipher(principal.cloudflareToken()).decrypt(sealed));
        } catch (JsonProcessingException | SecretBox.SealedValueException e) {
            throw AppException.conflict(
                    "HETZNER_KEY_UNREADABLE",
                    "The stored Hetzner API key was saved under another Cloudflare token and cannot be read. Enter it again.");
        }
    }

    /** First four and last four characters: enough to recognise a key, useless to use one. */
    static String mask(String key) {
        return key.length() <= 12 ? "…" : key.substring(0, 4) + "…" + key.substring(key.length() - 4);
    }
}
