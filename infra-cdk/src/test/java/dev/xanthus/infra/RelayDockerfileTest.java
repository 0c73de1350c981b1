package dev.xanthus.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The relay image builds from what the Maven build leaves behind: every path its Dockerfile copies exists, it
 * runs as a non-root user on a Java 17/21 runtime image. The fixture that stands in for it in the stack test is
 * checked the same way.
 */
class RelayDockerfileTest {

  static final Path RELAY = TestStacks.REPO_ROOT.resolve("terminal-relay");

  @Test
  void relayDockerfile_shouldCopyOnlyBuiltArtefacts_andRunAsNonRootOnAJavaRuntime() throws IOException {
    check(RELAY);
  }

  @Test
  void fixtureDockerfile_shouldPassTheSameChecks() throws IOException {
    check(TestStacks.FIXTURES.resolve("relay"));
  }

  static void check(Path context) throws IOException {
    Dockerfile df = Dockerfile.parse(context.resolve("Dockerfile"));
    for (String source : df.copySources()) {
      assertThat(context.resolve(source).normalize())
          .as("COPY source %s (build the relay first: mvn -B -pl terminal-relay -am package)", source)
          .exists();
    }
    assertThat(df.runtimeBase()).as("runtime base image").matches("(?i).*(jre|jdk|java|corretto|temurin).*")
        .matches(".*\\b(17|21)\\b.*");
    assertThat(df.user()).as("USER of the runtime stage").isNotBlank().isNotIn("root", "0", "0:0");
  }

  /** The few Dockerfile instructions the checks need; multi-stage aware (the last stage is the runtime). */
  record Dockerfile(List<String> copySources, String runtimeBase, String user) {
    static Dockerfile parse(Path file) throws IOException {
      List<String> copies = new ArrayList<>();
      String base = "";
      String user = "";
      for (String raw : String.join("\n", Files.readAllLines(file)).replace("\\\n", " ").split("\n")) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] words = line.split("\\s+");
        switch (words[0].toUpperCase(Locale.ROOT)) {
          case "FROM" -> {
            base = words[1];
            user = "";
          }
          case "USER" -> user = words[1];
          case "COPY", "ADD" -> {
            List<String> args = new ArrayList<>();
            boolean fromStage = false;
            for (int i = 1; i < words.length; i++) {
              if (words[i].startsWith("--from=")) {
                fromStage = true;
              } else if (!words[i].startsWith("--")) {
                args.add(words[i]);
              }
            }
            if (!fromStage && args.size() > 1) {
              copies.addAll(args.subList(0, args.size() - 1));
            }
          }
          default -> { }
        }
      }
      return new Dockerfile(copies, base, user);
    }
  }
}
