package org.recourse.strategy;

import java.time.LocalDate;
import java.util.UUID;

import org.springframework.context.ApplicationContext;

/** The night's strategy step for one institution, for tests in other packages (browser tests) without a scheduler. */
public final class StrategyNight {

    private StrategyNight() {
    }

    /** Open cases looked at and assignments changed. */
    public static long[] run(ApplicationContext context, UUID institution, LocalDate businessDate) {
        return context.getBean(SegmentationStep.class).segment(institution, businessDate);
    }
}
