package org.recourse.daily;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The steps of the night in the order they run: by {@link DailyStep#order()}, ties broken by name so that
 * every node runs them in the same order. Two steps with one name would share a row of the run, so a
 * second one stops the application from starting.
 */
record DailyPlan(List<DailyStep> steps) {

    DailyPlan {
        Set<String> names = new HashSet<>();
        for (DailyStep step : steps) {
            String name = step.name();
            if (name == null || name.isBlank()) {
                throw new IllegalStateException("A daily step has no name: " + step.getClass().getName());
            }
            if (!names.add(name)) {
                throw new IllegalStateException("Two daily steps are named " + name);
            }
        }
        steps = steps.stream()
                .sorted(Comparator.comparingInt(DailyStep::order).thenComparing(DailyStep::name))
                .toList();
    }

    List<String> names() {
        return steps.stream().map(DailyStep::name).toList();
    }
}
