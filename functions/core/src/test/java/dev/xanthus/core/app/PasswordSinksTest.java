package dev.xanthus.core.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xanthus.core.crypto.GoTokenCipher;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.remote.RemoteValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;

/**
 * A password is accepted exactly when every place it goes carries it unchanged: code-server's config (the real
 * writer, {@link AppRemote#withPassword}, then the real reader, {@link AppRemote#passwordOf}, over the UTF-8 bytes
 * that stdin and {@code cat} carry), the KV copy ({@link GoTokenCipher}) and Argo CD's bcrypt hash, which must see
 * every byte. The one refusal that is policy rather than a sink is control characters (category Cc): the writer
 * escapes C0 ones, but no one types them into a login form. Walked over every Unicode general category.
 */
class PasswordSinksTest {

    private static final String CONFIG =
            "bind-addr: 127.0.0.1:8080\nauth: password\npassword: the-old-one-123\n" + "cert: false\n";
    private static final GoTokenCipher KV = new GoTokenCipher("a-cloudflare-token");
    private static final byte[] SALT = new byte[16];

    /** Characters someone might expect to matter: C0, DEL, all of C1, line breaks, BOM, non-characters, surrogates. */
    private static final int[] NAMED = {
        0x00, 0x09, 0x0a, 0x0d, 0x1b, 0x1f, 0x7f, 0x85, 0xa0, 0xad, 0x2028, 0x2029, 0x200b, 0x200d, 0x202e, 0xfeff,
        0xfdd0, 0xfdef, 0xfffd, 0xfffe, 0xffff, 0x1fffe, 0x1ffff, 0x10fffe, 0x10ffff, 0xd800, 0xdbff, 0xdc00, 0xdfff,
        0xe000, 0xf8ff, 0xf0000, 0x1f600, 0x0378, 0xe0001
    };

    @Test
    void everyGeneralCategory_shouldBeAccepted_exactlyWhenEverySinkCarriesIt() {
        Map<String, String> candidates = candidates();
        List<String> mismatches = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Map.Entry<String, String> c : candidates.entrySet()) {
            String password = "Pw-" + c.getValue() + "-0123456789";
            boolean carried = yamlExact(password) && kvExact(password) && bcryptSeesEveryByte(password);
            boolean control = c.getValue().codePoints().anyMatch(cp -> Character.getType(cp) == Character.CONTROL);
            boolean accepted = accepted(password);
            if (accepted != (carried && !control)) {
                mismatches.add(c.getKey() + (accepted ? " accepted" : " refused") + ", yet carried=" + carried);
            }
            if (!accepted) {
                refused.add(c.getKey());
            }
        }
        assertThat(mismatches).as("of %d candidates", candidates.size()).isEmpty();

        // what the attack run found, pinned: C1 controls (U+0085 folded to a space), U+FFFE/U+FFFF, lone surrogates
        for (int cp = 0x80; cp <= 0x9f; cp++) {
            assertThat(accepted("Pw-" + (char) cp + "-0123456789"))
                    .as("U+%04X", cp)
                    .isFalse();
        }
        assertThat(refused)
                .anyMatch(k -> k.startsWith("U+0085 "))
                .anyMatch(k -> k.startsWith("U+FFFE "))
                .anyMatch(k -> k.startsWith("U+FFFF "))
                .anyMatch(k -> k.startsWith("U+D800 "))
                .anyMatch(k -> k.startsWith("U+DC00 "))
                .anyMatch(k -> k.startsWith("U+0000 "));
        // and what every sink does carry stays usable: other non-characters, separators, BOM, private use, emoji
        for (int cp : new int[] {0xfdd0, 0x1fffe, 0x10ffff, 0x2028, 0x2029, 0xfeff, 0xe000, 0x1f600, 0x0378, 0xa0}) {
            assertThat(accepted("Pw-" + new String(Character.toChars(cp)) + "-0123456789"))
                    .as("U+%04X", cp)
                    .isTrue();
        }
    }

    @Test
    void refusal_shouldBeA400_namingTheField_withoutQuotingThePassword() {
        for (String bad : new String[] {
            "Pw-\u0085-0123456789",
            "Pw-\ufffe-0123456789",
            "Pw-\ud800-0123456789",
            "Pw-\u0000-0123456789",
            "Pw-\udc00\ud800-012345678",
            "short",
            ""
        }) {
            assertThatThrownBy(() -> RemoteValues.password(bad))
                    .isInstanceOfSatisfying(AppException.BadRequest.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.code()).isEqualTo("INVALID_PASSWORD");
                        assertThat(e.details()).containsEntry("field", "password");
                        assertThat(e.getMessage()).doesNotContain("Pw-");
                    });
        }
        assertThatThrownBy(() -> RemoteValues.password(null)).isInstanceOf(AppException.BadRequest.class);
    }

    @Test
    void length_shouldCountCharacters_andStopAtBcryptsSeventyTwoBytes() {
        // at least 12 characters, counted as code points: 6 emoji are 12 UTF-16 units but 6 characters
        assertThat(accepted("😀".repeat(6))).isFalse();
        assertThat(accepted("😀".repeat(12))).isTrue();
        assertThat(accepted("a".repeat(11))).isFalse();
        assertThat(accepted("a".repeat(12))).isTrue();

        // bcrypt ignores byte 73 on: such a password would log in with anything in its place, so it is refused
        for (String prefix : new String[] {"", "€".repeat(23), "😀".repeat(17)}) {
            String fits = prefix + "a".repeat(72 - prefix.getBytes(UTF_8).length);
            String over = fits + "b";
            assertThat(fits.getBytes(UTF_8)).hasSize(72);
            assertThat(accepted(fits)).isTrue();
            assertThat(bcryptSeesEveryByte(fits)).isTrue();
            assertThat(bcryptSeesEveryByte(over)).as("bcrypt truncates").isFalse();
            assertThatThrownBy(() -> RemoteValues.password(over))
                    .isInstanceOfSatisfying(AppException.BadRequest.class, e -> {
                        assertThat(e.code()).isEqualTo("PASSWORD_TOO_LONG");
                        assertThat(e.details())
                                .containsEntry("field", "password")
                                .containsEntry("maxBytes", 72);
                    });
        }
    }

    // ------------------------------------------------------------------ the sinks

    /** Written into the config by the real writer, carried as UTF-8, read back by the real reader: same bytes. */
    private static boolean yamlExact(String password) {
        byte[] file = CodeServerPasswords.withPassword(CONFIG, password).getBytes(UTF_8);
        try {
            String read = CodeServerPasswords.passwordOf(new String(file, UTF_8));
            return read.equals(password) && Arrays.equals(read.getBytes(UTF_8), password.getBytes(UTF_8));
        } catch (AppException.Upstream unreadable) { // PASSWORD_UNAVAILABLE: the config no longer loads
            return false;
        }
    }

    private static boolean kvExact(String password) {
        return KV.decrypt(KV.encrypt(password)).equals(password);
    }

    /** The hash matches the password and no longer matches once its last character is changed. */
    private static boolean bcryptSeesEveryByte(String password) {
        try {
            String hash = OpenBSDBCrypt.generate("2a", password.toCharArray(), SALT, 4);
            char last = password.charAt(password.length() - 1);
            String changed = password.substring(0, password.length() - 1) + (last == 'x' ? 'y' : 'x');
            return OpenBSDBCrypt.checkPassword(hash, password.toCharArray())
                    && !OpenBSDBCrypt.checkPassword(hash, changed.toCharArray());
        } catch (RuntimeException notEncodable) {
            return false;
        }
    }

    private static boolean accepted(String password) {
        try {
            return RemoteValues.password(password).equals(password);
        } catch (AppException.BadRequest refused) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.code()).isIn("INVALID_PASSWORD", "PASSWORD_TOO_LONG");
            return false;
        }
    }

    // ------------------------------------------------------------------ the candidates

    /**
     * For each of the 30 general categories (as this JDK's Unicode knows them): its first, middle and last code point
     * and five more drawn with a fixed seed; then all of printable ASCII, all of C1, {@link #NAMED} and a reversed
     * surrogate pair. Keyed "U+XXXX Category".
     */
    private static Map<String, String> candidates() {
        Map<Integer, List<Integer>> byType = new TreeMap<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            byType.computeIfAbsent(Character.getType(cp), t -> new ArrayList<>())
                    .add(cp);
        }
        assertThat(byType).hasSize(30); // every category Java defines (type 17 is unused)
        TreeSet<Integer> picks = new TreeSet<>();
        Random random = new Random(19);
        for (List<Integer> members : byType.values()) {
            picks.add(members.get(0));
            picks.add(members.get(members.size() / 2));
            picks.add(members.get(members.size() - 1));
            for (int i = 0; i < 5; i++) {
                picks.add(members.get(random.nextInt(members.size())));
            }
        }
        for (int cp = 0x20; cp <= 0x7e; cp++) {
            picks.add(cp);
        }
        for (int cp = 0x80; cp <= 0x9f; cp++) {
            picks.add(cp);
        }
        Arrays.stream(NAMED).forEach(picks::add);
        Map<String, String> out = new LinkedHashMap<>();
        for (int cp : picks) {
            out.put(String.format("U+%04X %s", cp, category(cp)), new String(Character.toChars(cp)));
        }
        out.put("U+DC00 U+D800 reversed pair", "\udc00\ud800");
        return out;
    }

    private static String category(int cp) {
        String[] names = {
            "Cn", "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Me", "Mc", "Nd", "Nl", "No", "Zs", "Zl", "Zp", "Cc", "Cf", "?",
            "Co", "Cs", "Pd", "Ps", "Pe", "Pc", "Po", "Sm", "Sc", "Sk", "So", "Pi", "Pf"
        };
        return names[Character.getType(cp)];
    }
}
