package org.recourse.daily;

/** Lets a step publish its counters while it runs (persisted at once, visible to GET /api/v1/daily-runs/{id}). */
public interface StepProgress {

    void update(long processed, long changed);
}
