package dev.xanthus.core.remote;

import dev.xanthus.core.error.AppException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation of values that reach a server: each check admits only what the remote program can mean. */
public final class RemoteValues {

    /** RFC 1123 host name label: what Hetzner accepts as a server name and a shell never needs to interpret. */
    private static final Pattern HOSTNAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,4}");
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();
    public static final int MAX_LOG_LINES = 1000;
    public static final int DEFAULT_LOG_LINES = 100;

    private RemoteValues() {}

    /** Every IANA zone Java knows, sorted; the list the UI offers and the only values accepted. */
    public static List<String> timeZones() {
        return ZONES.stream().sorted().toList();
    }

    public static String timeZone(String zone) {
        if (zone == null || !ZONES.contains(zone)) {
            throw new AppException.BadRequest(
                    "INVALID_TIMEZONE", "Use an IANA time zone such as Europe/Berlin.", Map.of("field", "timezone"));
        }
        return zone;
    }

    /** Lower-case host name, 1–63 characters, letters, digits and inner hyphens (RFC 1123). */
    public static String hostname(String name) {
        if (name == null || !HOSTNAME.matcher(name).matches()) {
            throw new AppException.BadRequest(
                    "INVALID_NAME",
                    "A server name is 1–63 lower-case letters, digits and hyphens, starting and ending with a letter or digit.",
                    Map.of("field", "name"));
        }
        return name;
    }

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern LINUX_USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

    /**
     * The address of a server someone already runs: a dotted-quad IPv4 literal (no host names, no leading zeros), and
     * one a server can have: not 0.0.0.0/8, loopback, link-local, multicast or the reserved 240.0.0.0/4.
     */
    public static String publicIpv4(String ip) {
        if (ip == null || !IPV4.matcher(ip).matches()) {
            throw new AppException.BadRequest(
                    "INVALID_IP",
                    "Give the server's IPv4 address as four numbers, e.g. 203.0.113.10.",
                    Map.of("field", "ip"));
        }
        String[] octets = ip.split("\\.");
        int a = Integer.parseInt(octets[0]);
        int b = Integer.parseInt(octets[1]);
        if (a == 0 || a == 127 || (a == 169 && b == 254) || a >= 224) {
            throw new AppException.BadRequest(
                    "INVALID_IP",
                    ip + " cannot be a server's address (unspecified, loopback, "
                            + "link-local, multicast or reserved).",
                    Map.of("field", "ip"));
        }
        return ip;
    }

    /** A Linux login name: lower-case letter or underscore first, then letters, digits, {@code _} or {@code -}; ≤ 32. */
    public static String sshUser(String user) {
        if (user == null || !LINUX_USER.matcher(user).matches()) {
            throw new AppException.BadRequest(
                    "INVALID_SSH_USER",
                    "An SSH user is a Linux user name: up to 32 lower-case "
                            + "letters, digits, _ and -, starting with a letter or _.",
                    Map.of("field", "user"));
        }
        return user;
    }

    /** A chart or app version: semver-ish, optionally {@code v}-prefixed, with pre-release/build parts. */
    private static final Pattern VERSION = Pattern.compile("v?[0-9]+(\\.[0-9]+){0,3}([-+][0-9A-Za-z.-]{1,64})?");
    /** Kubernetes object names we derive (releases, namespaces, services): DNS-1123 labels. */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    /** Characters (code points), not UTF-16 units. */
    public static final int MIN_PASSWORD = 12;
    /** bcrypt (Argo CD's {@code admin.password}) reads only the first 72 bytes of UTF-8 and ignores the rest. */
    public static final int MAX_PASSWORD_BYTES = 72;

    public static String version(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new AppException.BadRequest(
                    "INVALID_VERSION",
                    "A version looks like 4.96.4 or v3.0.11 (digits and dots, optionally a -pre-release).",
                    Map.of("field", "version"));
        }
        return version;
    }

    /**
     * A subdomain: a DNS-1123 label (lower-case letters, digits, inner hyphens, at most 63), or {@code @} / empty for
     * the domain itself; returns "" for the apex.
     */
    public static String subdomain(String subdomain, String field) {
        if (subdomain == null || subdomain.isEmpty() || subdomain.equals("@")) {
            return "";
        }
        if (!LABEL.matcher(subdomain).matches()) {
            throw new AppException.BadRequest(
                    "INVALID_SUBDOMAIN",
                    "A subdomain is 1–63 lower-case letters, digits and hyphens, starting and ending with a letter or digit "
                            + "(or @ for the domain itself).",
                    Map.of("field", field));
        }
        return subdomain;
    }

    private static final Pattern OBJECT =
            Pattern.compile("(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    /** A Kubernetes object name we built (DNS-1123 subdomain, e.g. {@code example.com-tls}). */
    public static String objectName(String name) {
        if (name == null || !OBJECT.matcher(name).matches()) {
            throw new IllegalArgumentException("not a DNS-1123 subdomain: " + name);
        }
        return name;
    }

    /** A name we built for Kubernetes; a failure here is our bug, not the user's input. */
    public static String k8sName(String name) {
        if (name == null || !LABEL.matcher(name).matches()) {
            throw new IllegalArgumentException("not a DNS-1123 label: " + name);
        }
        return name;
    }

    /**
     * A password every place it goes carries exactly: code-server's {@code config.yaml} (a YAML double-quoted scalar
     * from {@code ValuesRenderer.quote}, read back by SnakeYAML here and by js-yaml in code-server), Argo CD's bcrypt
     * hash and the KV copy (both over its UTF-8 bytes). So it is at least 12 characters and at most 72 bytes of UTF-8
     * (bcrypt would silently ignore the rest), and it has none of:
     * <ul>
     *   <li>control characters (general category Cc: U+0000–U+001F, U+007F–U+009F): SnakeYAML refuses the C1 ones as
     *       non-printable and folds U+0085 (NEL, a YAML 1.1 line break) into a space; the C0 ones would survive the
     *       escaping, but no one can type them into a login form, which drops line breaks;</li>
     *   <li>U+FFFE and U+FFFF: outside YAML's printable set, so the config would no longer load;</li>
     *   <li>unpaired UTF-16 surrogates (possible through a JSON {@code \ud800} escape): UTF-8 cannot carry them.</li>
     * </ul>
     * Everything else, including unassigned code points, private use, format characters and the other non-characters
     * (U+FDD0, U+1FFFE, …), round-trips byte-exact ({@code PasswordSinksTest} checks each general category).
     * Never logged, never on a command line, never quoted back in an error.
     */
    public static String password(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD) {
            throw new AppException.BadRequest(
                    "INVALID_PASSWORD",
                    "A password is at least " + MIN_PASSWORD + " characters.",
                    Map.of("field", "password"));
        }
        String unfit = unfitCharacter(password);
        if (unfit != null) {
            throw new AppException.BadRequest(
                    "INVALID_PASSWORD", "A password cannot contain " + unfit + ".", Map.of("field", "password"));
        }
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PASSWORD_BYTES) {
            throw new AppException.BadRequest(
                    "PASSWORD_TOO_LONG",
                    "A password is at most " + MAX_PASSWORD_BYTES
                            + " bytes of UTF-8 (72 ASCII characters, fewer with accents or emoji): bcrypt ignores what comes after.",
                    Map.of("field", "password", "maxBytes", MAX_PASSWORD_BYTES));
        }
        return password;
    }

    /** What kind of character makes {@code text} unfit for a password, or null; never the character itself. */
    private static String unfitCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a pair: a supplementary code point, which UTF-8 and YAML carry
            } else if (Character.isSurrogate(c)) {
                return "an unpaired UTF-16 surrogate (not a character UTF-8 can carry)";
            } else if (c <= 0x1f || (c >= 0x7f && c <= 0x9f)) {
                return "control characters (line breaks, tabs, U+0080–U+009F included)";
            } else if (c == 0xfffe || c == 0xffff) {
                return "U+FFFE or U+FFFF (YAML cannot carry them)";
            }
        }
        return null;
    }

    /** {@code lines} query parameter: absent → 100; otherwise 1–1000 written as plain digits. */
    public static int lineCount(String lines) {
        if (lines == null || lines.isEmpty()) {
            return DEFAULT_LOG_LINES;
        }
        if (!DIGITS.matcher(lines).matches()
                || Integer.parseInt(lines) < 1
                || Integer.parseInt(lines) > MAX_LOG_LINES) {
            throw new AppException.BadRequest(
                    "INVALID_LINES",
                    "lines must be a whole number from 1 to " + MAX_LOG_LINES + ".",
                    Map.of("field", "lines"));
        }
        return Integer.parseInt(lines);
    }
}
