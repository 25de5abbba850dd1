package org.recourse.daily;

/** Where one step of a run stands. Only COMPLETED is final: every other step runs (again) when the run does. */
enum StepStatus {
    PENDING, RUNNING, COMPLETED, FAILED
}
