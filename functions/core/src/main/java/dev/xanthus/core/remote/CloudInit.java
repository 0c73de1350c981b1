package dev.xanthus.core.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Renders the hardened cloud-init of a Xanthus server. The template takes one slot, {@code setup.env}: shell
 * assignments with single-quoted values, written into the YAML as one double-quoted scalar in which every character
 * outside printable ASCII is escaped. So no value, however hostile, can end the scalar, add YAML keys, or run shell.
 */
public final class CloudInit {

  private static final String TEMPLATE = load();

  private CloudInit() {}

  /** Where the server runs: Oracle's Ubuntu images need their own iptables rules opened for 80 and 443. */
  public enum Provider { HETZNER, OCI }

  /** The user data for a server named {@code hostname} in {@code timeZone}; callers validate both first. */
  public static String render(String hostname, String timeZone, Provider provider) {
    String env = "XANTHUS_HOSTNAME=" + RemoteCommand.quote(hostname) + "\n"
        + "XANTHUS_TIMEZONE=" + RemoteCommand.quote(timeZone) + "\n"
        + "XANTHUS_PROVIDER=" + RemoteCommand.quote(provider.name().toLowerCase()) + "\n";
    return TEMPLATE.replace("{{SETUP_ENV}}", yamlDoubleQuoted(env));
  }

  /** A YAML double-quoted scalar: printable ASCII kept, {@code "} and {@code \} escaped, the rest as {@code \\uXXXX}. */
  static String yamlDoubleQuoted(String value) {
    StringBuilder out = new StringBuilder("\"");
    value.codePoints().forEach(cp -> {
      if (cp == '"' || cp == '\\') {
        out.append('\\').appendCodePoint(cp);
      } else if (cp >= 0x20 && cp < 0x7f) {
        out.appendCodePoint(cp);
      } else if (cp == '\n') {
        out.append("\\n");
      } else if (cp >= 0xd800 && cp <= 0xdfff) {
        out.append("\\ufffd");
      } else if (cp <= 0xffff) {
        out.append(String.format("\\u%04x", cp));
      } else {
        out.append(String.format("\\U%08x", cp));
      }
    });
    return out.append('"').toString();
  }

  private static String load() {
    try (InputStream in = CloudInit.class.getResourceAsStream("cloud-init.yaml")) {
      if (in == null) {
        throw new IllegalStateException("cloud-init.yaml is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
