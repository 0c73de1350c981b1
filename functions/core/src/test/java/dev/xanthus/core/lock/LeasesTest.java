package dev.xanthus.core.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xanthus.core.dynamo.Items;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.testing.LocalDynamo;
import dev.xanthus.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LeasesTest {

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final String table = LocalDynamo.newTable();
    private final Leases leases = new DynamoLeases(LocalDynamo.client(), table, clock);
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void exclusive_shouldRunTheWork_andLeaveNoLeaseBehind() {
        String result = leases.exclusive("acc-1", "domain:example.com", "example.com", () -> "done");

        assertThat(result).isEqualTo("done");
        assertThat(LocalDynamo.client()
                        .getItem(b -> b.tableName(table).key(Items.key("LEASE#acc-1", "domain:example.com")))
                        .item())
                .isEmpty();
    }

    @Test
    void exclusive_whileAnotherHoldsTheLease_shouldAnswerBusy_withoutRunningTheWork() throws Exception {
        Holder first = new Holder("acc-1", "host:a.example.com");
        AtomicInteger secondRan = new AtomicInteger();

        assertThatThrownBy(() ->
                        leases.exclusive("acc-1", "host:a.example.com", "a.example.com", secondRan::incrementAndGet))
                .isInstanceOfSatisfying(AppException.Conflict.class, e -> {
                    assertThat(e.code()).isEqualTo("BUSY");
                    assertThat(e.getMessage()).contains("a.example.com");
                });
        assertThat(secondRan).hasValue(0);

        first.release();
        // released: the next request gets it at once
        assertThat(leases.exclusive("acc-1", "host:a.example.com", "a.example.com", () -> "next"))
                .isEqualTo("next");
    }

    @Test
    void exclusive_shouldWaitForAShortHolder_thenRun() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        Future<String> first = pool.submit(() -> leases.exclusive("acc-1", "app:app-1", "app-1", () -> {
            holding.countDown();
            sleep(300);
            return "first";
        }));
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();

        String second = leases.exclusive("acc-1", "app:app-1", "app-1", () -> "second");

        assertThat(second).isEqualTo("second");
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
    }

    @Test
    void concurrentRequests_shouldNeverOverlap() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            runs.add(pool.submit(() -> leases.exclusive("acc-1", "domain:race.example", "race.example", () -> {
                maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                sleep(20);
                inside.decrementAndGet();
                return 1;
            })));
        }
        int done = 0;
        for (Future<Integer> run : runs) {
            done += run.get(30, TimeUnit.SECONDS);
        }

        assertThat(done).isEqualTo(8);
        assertThat(maxInside).hasValue(1);
    }

    @Test
    void leasesOfOtherAccountsOrResources_shouldNotBlockEachOther() throws Exception {
        Holder holder = new Holder("acc-1", "domain:example.com");

        assertThat(leases.exclusive("acc-2", "domain:example.com", "example.com", () -> "other account"))
                .isNotNull();
        assertThat(leases.exclusive("acc-1", "domain:example.org", "example.org", () -> "other domain"))
                .isNotNull();
        holder.release();
    }

    @Test
    void anExpiredLease_shouldBeTakenOver_andItsLateOwnerMustNotDeleteTheNewOne() throws Exception {
        Holder crashed = new Holder("acc-1", "domain:example.com");
        clock.advance(DynamoLeases.TERM.plus(Duration.ofSeconds(1)));

        Holder newer = new Holder("acc-1", "domain:example.com");
        crashed.release();

        // the late owner's release left the new lease in place
        assertThatThrownBy(() -> leases.exclusive("acc-1", "domain:example.com", "example.com", () -> "x"))
                .isInstanceOf(AppException.Conflict.class);
        newer.release();
    }

    @Test
    void workThatFails_shouldReleaseTheLease() {
        assertThatThrownBy(() -> leases.exclusive("acc-1", "host:b.example.com", "b.example.com", () -> {
                    throw AppException.conflict("SUBDOMAIN_TAKEN", "taken");
                }))
                .hasMessage("taken");

        assertThat(leases.exclusive("acc-1", "host:b.example.com", "b.example.com", () -> "free"))
                .isEqualTo("free");
    }

    /** Another request holding the lease on {@code resource} until {@code release()} is called. */
    private final class Holder {
        private final CountDownLatch finish = new CountDownLatch(1);
        private final Future<?> run;

        Holder(String account, String resource) throws Exception {
            CountDownLatch holding = new CountDownLatch(1);
            run = pool.submit(() -> leases.exclusive(account, resource, resource, () -> {
                holding.countDown();
                await(finish);
                return null;
            }));
            assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        }

        void release() throws Exception {
            finish.countDown();
            run.get(5, TimeUnit.SECONDS);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
