package dev.xanthus.core.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xanthus.core.error.AppException;
import org.junit.jupiter.api.Test;

class RemoteCommandTest {

    @Test
    void literal_shouldRefuseShellSyntax_whenAnyIsPresent() {
        for (String word : new String[] {"a;b", "a b", "$(x)", "`x`", "a'b", "a\"b", "a\nb", "a|b", "a&b", "a>b", ""}) {
            assertThatThrownBy(() -> RemoteCommand.of("echo").literal(word))
                    .as(word)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void value_shouldSingleQuote_andEscapeEmbeddedQuotes() {
        assertThat(RemoteCommand.of("echo").value("it's $(x)").build().line()).isEqualTo("echo 'it'\"'\"'s $(x)'");
    }

    @Test
    void setTimeZone_shouldBuildOnlyForKnownZones() {
        assertThat(ServerCommands.setTimeZone("Europe/Berlin").line())
                .isEqualTo("timedatectl set-timezone 'Europe/Berlin'");
        assertThatThrownBy(() -> ServerCommands.setTimeZone("Europe/Berlin; touch /tmp/pwned"))
                .isInstanceOf(AppException.BadRequest.class);
    }

    @Test
    void lineCount_shouldAcceptOnlyPlainNumbersFrom1To1000() {
        assertThat(RemoteValues.lineCount(null)).isEqualTo(100);
        assertThat(RemoteValues.lineCount("1000")).isEqualTo(1000);
        for (String bad : new String[] {"0", "1001", "1;reboot", "-1", "+5", "1e3", " 5", "99999"}) {
            assertThatThrownBy(() -> RemoteValues.lineCount(bad)).as(bad).isInstanceOf(AppException.BadRequest.class);
        }
    }

    @Test
    void hostname_shouldFollowRfc1123() {
        assertThat(RemoteValues.hostname("web-1")).isEqualTo("web-1");
        for (String bad : new String[] {"-a", "a-", "A", "a_b", "a.b", "a".repeat(64), "a$(id)", ""}) {
            assertThatThrownBy(() -> RemoteValues.hostname(bad)).as(bad).isInstanceOf(AppException.BadRequest.class);
        }
    }
}
