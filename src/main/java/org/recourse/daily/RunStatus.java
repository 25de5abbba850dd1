package org.recourse.daily;

/** Where a run stands. QUEUED and RUNNING runs are unfinished: a node that can take their lock runs them. */
enum RunStatus {

    QUEUED, RUNNING, COMPLETED, FAILED;

    boolean unfinished() {
        return this == QUEUED || this == RUNNING;
    }
}
