package org.recourse.daily;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The night's parts: every part once, all at once, a failure thrown only when every part has finished. */
class NightPartsTests {

    @Test
    void runsEveryPartOnceAtOnceAndAnswersInPartOrder() {
        NightParts parts = new NightParts(3);
        // Each part waits for the other two: the call ends only if the three run at the same time.
        CyclicBarrier together = new CyclicBarrier(3);
        Set<String> threads = ConcurrentHashMap.newKeySet();

        List<String> results = parts.each("test", part -> {
            threads.add(Thread.currentThread().getName());
            await(together);
            return part.index() + "/" + part.count();
        });

        assertThat(results).containsExactly("0/3", "1/3", "2/3");
        assertThat(threads).hasSize(3).allMatch(name -> name.startsWith("test-part-"));
    }

    @Test
    void aFailedPartIsThrownOnlyWhenTheOthersHaveFinished() {
        NightParts parts = new NightParts(2);
        AtomicInteger finished = new AtomicInteger();
        CyclicBarrier together = new CyclicBarrier(2);

        assertThatThrownBy(() -> parts.each("test", part -> {
            await(together);
            if (part.index() == 0) {
                throw new IllegalArgumentException("part 0 failed");
            }
            finished.incrementAndGet();
            return part.index();
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("part 0 failed");
        assertThat(finished).hasValue(1);
    }

    @Test
    void onePartRunsInTheCallersThreadAndTakesEveryCase() {
        NightParts parts = new NightParts(1);

        List<String> results = parts.each("test", part -> Thread.currentThread().getName() + " " + part.casesOf("c"));

        assertThat(results).containsExactly(Thread.currentThread().getName() + " true");
    }

    @Test
    void aPartIsAHashOfTheCaseIdAndTheCountIsBounded() {
        assertThat(new NightParts.Part(1, 4).casesOf("s.case_id"))
                .isEqualTo("mod(abs(cast(uuid_hash(s.case_id) as bigint)), 4) = 1");
        assertThat(new NightParts(0).count()).isEqualTo(1);
        assertThat(new NightParts(64).count()).isEqualTo(NightParts.MAX_PARTS);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException("the parts did not run at once", e);
        }
    }
}
