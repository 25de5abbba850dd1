package org.recourse.intake;

/** Where a batch stands: received, being read and validated, being merged, then done or failed whole. */
public enum BatchStatus {
    RECEIVED, VALIDATING, LOADING, COMPLETED, FAILED;

    boolean finished() {
        return this == COMPLETED || this == FAILED;
    }
}
