package dev.xanthus.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class PreAuthGuardTest {

    @Test
    void clientOf_shouldTakeTheEntryAsManyFromTheRightAsThereAreTrustedProxies() {
        assertThat(PreAuthGuard.clientOf("198.51.100.7, 10.0.0.9", 2)).isEqualTo("198.51.100.7");
        assertThat(PreAuthGuard.clientOf("1.1.1.1, 2.2.2.2, 198.51.100.7, 10.0.0.9", 2))
                .isEqualTo("198.51.100.7");
        assertThat(PreAuthGuard.clientOf("198.51.100.7", 1)).isEqualTo("198.51.100.7");
        assertThat(PreAuthGuard.clientOf("10.0.0.9", 2)).isNull(); // fewer entries than proxies
        assertThat(PreAuthGuard.clientOf(null, 2)).isNull();
    }

    @Test
    void clientOf_shouldAcceptOnlyIpLiterals_andNeverLookUpANameFromAHeader() {
        for (String bad : new String[] {
            "localhost", "deadbeef", "example.com", "999.1.1.1", "01.2.3.4", "", "1.2.3", "fe80::1%eth0", "unknown"
        }) {
            assertThat(PreAuthGuard.clientOf(bad + ", 10.0.0.9", 2)).as(bad).isNull();
        }
    }

    @Test
    void key_shouldBeTheAddress_forIpv4_andThe64_forIpv6() throws Exception {
        assertThat(PreAuthGuard.key(InetAddress.getByName("203.0.113.5"))).isEqualTo("203.0.113.5");
        assertThat(PreAuthGuard.key(InetAddress.getByName("2001:db8:1:2:aaaa:bbbb:cccc:dddd")))
                .isEqualTo(PreAuthGuard.key(InetAddress.getByName("2001:db8:1:2::1")))
                .endsWith("/64");
        assertThat(PreAuthGuard.clientOf("2001:db8:1:2::7, 10.0.0.9", 2)).isEqualTo("2001:db8:1:2:0:0:0:0/64");
    }

    @Test
    void limiter_shouldHoldAtMostItsShare_perAddress_andForgetReleasedOnes() {
        PreAuthGuard.Limiter limiter = new PreAuthGuard.Limiter(2);
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
        assertThat(limiter.tryAcquire("b")).isTrue();
        limiter.release("a");
        assertThat(limiter.held("a")).isEqualTo(1);
        assertThat(limiter.tryAcquire("a")).isTrue();
        limiter.release("a");
        limiter.release("a");
        limiter.release("a"); // more releases than acquisitions never go negative
        assertThat(limiter.held("a")).isZero();
    }
}
