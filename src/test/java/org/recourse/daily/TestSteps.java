package org.recourse.daily;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Three test-only steps for the daily tests, declared out of order on purpose (30, 10, 20). A top-level
 * {@code @TestConfiguration} is not picked up by component scanning, so these steps exist only in the
 * contexts of the test classes that import it; importing the same class lets the daily test classes share
 * one context. What a step does is scripted per business date, so tests on other dates are not disturbed.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestSteps {

    static final String FIRST = "test-first";
    static final String SECOND = "test-second";
    static final String THIRD = "test-third";

    private static final AtomicInteger DATES = new AtomicInteger();

    /** A past business date no other daily test uses (a date has one run, and the tests share a database). */
    static LocalDate freshDate() {
        return LocalDate.of(2001, 1, 1).plusDays(DATES.getAndIncrement());
    }

    @Bean
    Script script() {
        return new Script();
    }

    @Bean
    DailyStep third(Script script) {
        return new ScriptedStep(THIRD, 30, script);
    }

    @Bean
    DailyStep first(Script script) {
        return new ScriptedStep(FIRST, 10, script);
    }

    @Bean
    DailyStep second(Script script) {
        return new ScriptedStep(SECOND, 20, script);
    }

    /** What a step does on one call. */
    interface Behaviour {
        StepOutcome run(LocalDate businessDate, StepProgress progress);
    }

    /** By default a step reports progress once and processes 5 records, changing 2. */
    static final Behaviour NORMAL = (date, progress) -> {
        progress.update(3, 1);
        return new StepOutcome(5, 2);
    };

    /** The calls each step got per business date, and what it is to do on its next calls. */
    static final class Script {

        private final Map<String, Deque<Behaviour>> planned = new ConcurrentHashMap<>();
        private final Map<LocalDate, List<String>> calls = new ConcurrentHashMap<>();

        /** The step does these, one per call, on the date; afterwards it behaves {@link #NORMAL}ly. */
        synchronized void on(LocalDate date, String step, Behaviour... next) {
            planned.computeIfAbsent(date + "/" + step, key -> new ArrayDeque<>()).addAll(List.of(next));
        }

        /** The steps called for the date, in the order they were called. */
        List<String> calls(LocalDate date) {
            return new ArrayList<>(calls.getOrDefault(date, List.of()));
        }

        long calls(LocalDate date, String step) {
            return calls(date).stream().filter(step::equals).count();
        }

        StepOutcome run(String step, LocalDate date, StepProgress progress) {
            calls.computeIfAbsent(date, key -> new CopyOnWriteArrayList<>()).add(step);
            Behaviour behaviour;
            synchronized (this) {
                Deque<Behaviour> next = planned.get(date + "/" + step);
                behaviour = next == null || next.isEmpty() ? NORMAL : next.poll();
            }
            return behaviour.run(date, progress);
        }
    }

    private record ScriptedStep(String name, int order, Script script) implements DailyStep {
        @Override
        public StepOutcome run(LocalDate businessDate, StepProgress progress) {
            return script.run(name, businessDate, progress);
        }
    }
}
