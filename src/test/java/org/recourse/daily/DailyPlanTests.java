package org.recourse.daily;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The night's steps run by their order, whatever order Spring found their beans in. */
class DailyPlanTests {

    @Test
    void ordersStepsByTheirOrder() {
        DailyPlan plan = new DailyPlan(List.of(step("contact-plan", 500), step("delinquency", 100),
                step("allocation", 400), step("score", 200), step("strategy", 300)));

        assertThat(plan.names()).containsExactly("delinquency", "score", "strategy", "allocation", "contact-plan");
    }

    @Test
    void breaksTiesByName() {
        DailyPlan plan = new DailyPlan(List.of(step("b", 100), step("a", 100)));

        assertThat(plan.names()).containsExactly("a", "b");
    }

    @Test
    void refusesTwoStepsWithOneName() {
        assertThatThrownBy(() -> new DailyPlan(List.of(step("score", 200), step("score", 210))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("score");
    }

    @Test
    void mayBeEmpty() {
        assertThat(new DailyPlan(List.of()).steps()).isEmpty();
    }

    private static DailyStep step(String name, int order) {
        return new DailyStep() {
            public String name() { return name; }
            public int order() { return order; }
            public StepOutcome run(LocalDate businessDate, StepProgress progress) { return new StepOutcome(0, 0); }
        };
    }
}
