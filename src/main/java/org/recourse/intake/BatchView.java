package org.recourse.intake;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A batch as its institution sees it. {@code acceptedRows + rejectedRows = totalRows} once completed;
 * {@code processedRows} grows while it runs, for the progress bar.
 */
public record BatchView(UUID batchId, BatchStatus status, String source, @Nullable String fileName,
                        long totalRows, long acceptedRows, long rejectedRows, long createdAccounts,
                        long updatedAccounts, long unchangedAccounts, long processedRows, @Nullable Long estimatedRows,
                        @Nullable String fileFormat, @Nullable String fileEncoding, List<Warning> warnings,
                        @Nullable Failure failure, Instant createdAt, @Nullable Instant finishedAt) {

    /** Something worth knowing about an accepted batch, e.g. ignored columns. */
    public record Warning(String code, String detail) {
    }

    /** Why a batch was refused whole: a stable code and a detail such as the missing column names. */
    public record Failure(String code, @Nullable String detail) {
    }

    public boolean finished() {
        return status.finished();
    }

    /** Share of rows processed so far, 0–100, for the progress bar; null while the total is unknown. */
    public @Nullable Integer percent() {
        if (finished()) {
            return 100;
        }
        if (status == BatchStatus.LOADING) {
            return 99;
        }
        return estimatedRows == null || estimatedRows <= 0 ? null
                : (int) Math.min(98, processedRows * 100 / estimatedRows);
    }
}
