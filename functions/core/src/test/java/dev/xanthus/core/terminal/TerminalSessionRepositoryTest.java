package dev.xanthus.core.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xanthus.core.testing.LocalDynamo;
import dev.xanthus.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TerminalSessionRepositoryTest {

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final TerminalSessionRepository repo =
            new TerminalSessionRepository(LocalDynamo.client(), LocalDynamo.newTable(), clock);

    private TerminalSession session(String id, String account) {
        return TerminalSession.starting(id, account, "srv-1", clock.instant());
    }

    @Test
    void tryStart_shouldRefuse_whenTheAccountIsAtItsLimit() {
        assertThat(repo.tryStart(session("s1", "acc-1"), 2)).isTrue();
        assertThat(repo.tryStart(session("s2", "acc-1"), 2)).isTrue();

        assertThat(repo.tryStart(session("s3", "acc-1"), 2)).isFalse();
        assertThat(repo.tryStart(session("s4", "acc-2"), 2)).isTrue();
        assertThat(repo.countLive("acc-1")).isEqualTo(2);
    }

    @Test
    void concurrentStarts_shouldNeverOvershootTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> starts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String id = "c" + i;
                starts.add(pool.submit(() -> repo.tryStart(session(id, "acc-race"), 3)));
            }
            int started = 0;
            for (Future<Boolean> start : starts) {
                started += start.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }

            // never more than the limit; a race may leave fewer (the surplus backed off), and those who backed off left
            // nothing behind, so retries fill the account up to exactly the limit
            assertThat(started).isBetween(0, 3);
            assertThat(repo.countLive("acc-race")).isEqualTo(started);
            for (int i = started; i < 3; i++) {
                assertThat(repo.tryStart(session("retry" + i, "acc-race"), 3)).isTrue();
            }
            assertThat(repo.tryStart(session("one-too-many", "acc-race"), 3)).isFalse();
            assertThat(repo.countLive("acc-race")).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void end_shouldFreeASlot_andKeepTheFinalTotals() {
        // given
        repo.tryStart(session("s1", "acc-1"), 1);
        Instant last = clock.instant().plusSeconds(5);
        // when
        repo.end("acc-1", "s1", last, 10, 2000, true);
        // then
        TerminalSession ended = repo.find("acc-1", "s1").orElseThrow();
        assertThat(ended.state()).isEqualTo(TerminalSession.State.TERMINATED);
        assertThat(ended.bytesIn()).isEqualTo(10);
        assertThat(ended.bytesOut()).isEqualTo(2000);
        assertThat(ended.recordingAvailable()).isTrue();
        assertThat(ended.lastActivityAt()).isEqualTo(last);
        assertThat(repo.tryStart(session("s2", "acc-1"), 1)).isTrue();
    }

    @Test
    void countLive_shouldIgnoreSessions_whoseRelayStoppedRenewing() {
        repo.tryStart(session("s1", "acc-1"), 5);

        clock.advance(TerminalSessionRepository.LIVE_LEASE.plusSeconds(1));

        assertThat(repo.countLive("acc-1")).isZero();
        assertThat(repo.find("acc-1", "s1").orElseThrow().state()).isEqualTo(TerminalSession.State.TERMINATED);
    }

    @Test
    void recordActivity_shouldRenewTheLease_andReportATerminateRequest() {
        // given
        repo.tryStart(session("s1", "acc-1"), 5);
        clock.advance(Duration.ofMinutes(2));
        // when
        boolean before = repo.recordActivity("acc-1", "s1", clock.instant(), 5, 50);
        boolean requested = repo.requestTerminate("acc-1", "s1");
        boolean after = repo.recordActivity("acc-1", "s1", clock.instant(), 6, 60);
        clock.advance(Duration.ofMinutes(2));
        // then
        assertThat(before).isFalse();
        assertThat(requested).isTrue();
        assertThat(after).isTrue();
        assertThat(repo.countLive("acc-1")).isEqualTo(1);
        assertThat(repo.find("acc-1", "s1").orElseThrow().bytesOut()).isEqualTo(60);
    }

    @Test
    void pendingTerminations_shouldListRequestedSessions_acrossAccounts() {
        repo.tryStart(session("s1", "acc-1"), 5);
        repo.tryStart(session("s2", "acc-2"), 5);
        repo.tryStart(session("s3", "acc-2"), 5);

        repo.requestTerminate("acc-1", "s1");
        repo.requestTerminate("acc-2", "s2");

        assertThat(repo.pendingTerminations()).containsExactlyInAnyOrder("s1", "s2");
    }

    @Test
    void requestTerminate_shouldBeRefused_forAnotherAccountsSession() {
        repo.tryStart(session("s1", "acc-1"), 5);

        assertThat(repo.requestTerminate("acc-2", "s1")).isFalse();
        assertThat(repo.pendingTerminations()).isEmpty();
    }

    @Test
    void recordActivity_shouldNotResurrect_anEndedSession() {
        repo.tryStart(session("s1", "acc-1"), 5);
        repo.end("acc-1", "s1", clock.instant(), 1, 1, false);

        repo.recordActivity("acc-1", "s1", clock.instant(), 2, 2);

        assertThat(repo.find("acc-1", "s1").orElseThrow().state()).isEqualTo(TerminalSession.State.TERMINATED);
        assertThat(repo.countLive("acc-1")).isZero();
    }
}
