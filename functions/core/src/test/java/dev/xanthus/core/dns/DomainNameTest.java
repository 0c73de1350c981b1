package dev.xanthus.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xanthus.core.error.AppException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DomainNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "Example.COM", "a.b.c.example.co.uk", "xn--bcher-kva.example", "a-b.io"})
    void require_shouldAcceptAndLowerCase_whenWellFormed(String domain) {
        assertThat(DomainName.require(domain)).isEqualTo(domain.toLowerCase());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "../x",
                "a b.com",
                "example",
                "-a.com",
                "a-.com",
                "a..com",
                ".com",
                "com.",
                "1.2.3.4",
                "a.com/x",
                "a.com:80",
                "ä.com",
                "a_b.com",
                "a.com\n"
            })
    void require_shouldBe400_whenMalformed(String domain) {
        assertThatThrownBy(() -> DomainName.require(domain))
                .isInstanceOfSatisfying(
                        AppException.BadRequest.class, e -> assertThat(e.code()).isEqualTo("INVALID_DOMAIN"));
    }

    @org.junit.jupiter.api.Test
    void require_shouldBe400_whenLongerThan253OrALabelLongerThan63() {
        String label63 = "a".repeat(63);
        String long254 = String.join(".", label63, label63, label63, "a".repeat(58), "com");
        assertThat(long254).hasSize(254);
        assertThatThrownBy(() -> DomainName.require(long254)).isInstanceOf(AppException.BadRequest.class);
        assertThatThrownBy(() -> DomainName.require("a".repeat(64) + ".com"))
                .isInstanceOf(AppException.BadRequest.class);
        assertThatThrownBy(() -> DomainName.require(null)).isInstanceOf(AppException.BadRequest.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "app.example.com", "*.example.com", "A.b.Example.com"})
    void requireHostIn_shouldAccept_whenInsideTheDomain(String host) {
        assertThat(DomainName.requireHostIn(host, "example.com")).isEqualTo(host.toLowerCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.org", "badexample.com", "a b.example.com", "x.*.example.com", "", "..example.com"})
    void requireHostIn_shouldBe400_whenOutsideOrMalformed(String host) {
        assertThatThrownBy(() -> DomainName.requireHostIn(host, "example.com"))
                .isInstanceOfSatisfying(
                        AppException.BadRequest.class, e -> assertThat(e.code()).isEqualTo("INVALID_HOSTNAME"));
    }
}
