package org.recourse.daily;

import java.time.LocalDate;

/** One step of the nightly run. Modules contribute steps as Spring beans; the run orders them by order(). */
public interface DailyStep {

    /** Stable name shown in the run's steps, e.g. "delinquency". */
    String name();

    /** Position in the night: delinquency 100, score 200, strategy 300, allocation 400, contact plan 500. */
    int order();

    /**
     * Does the step's work for the business date. Must be idempotent: after a crash half way it is run again
     * from the start and must finish without doing anything twice. Reports progress as it goes.
     */
    StepOutcome run(LocalDate businessDate, StepProgress progress);
}
