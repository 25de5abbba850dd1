package org.recourse.intake;

import java.util.HashSet;
import java.util.Set;

import org.recourse.cases.AccountRecord;
import org.recourse.cases.LoadResult;
import org.recourse.cases.LoadSession;
import org.recourse.intake.parsing.TabularFile;

/**
 * One pass over a file's rows: each row is refused as a repeat of an earlier account reference, refused
 * for what the validator finds, or streamed into the load; the counts say how many went which way.
 */
final class RowPass {

    private final HeaderMapping mapping;
    private final RowValidator validator;
    private final RejectedRows.Collector rejected;
    private final LoadSession load;
    private final Set<String> accountRefs = new HashSet<>();
    private long total;
    private long accepted;

    RowPass(HeaderMapping mapping, RowValidator validator, RejectedRows.Collector rejected, LoadSession load) {
        this.mapping = mapping;
        this.validator = validator;
        this.rejected = rejected;
        this.load = load;
    }

    void take(TabularFile.Row row) {
        total++;
        String ref = mapping.cell(row.cells(), Column.ACCOUNT_REF).strip();
        AccountRecord account;
        // Second and later rows with the same reference are refused as such, whatever else is wrong.
        if (!ref.isEmpty() && !accountRefs.add(ref)) {
            validator.rejectDuplicate(ref);
            account = null;
        } else {
            account = validator.validate(row.cells());
        }
        if (account != null) {
            load.add(row.number(), account);
            accepted++;
        } else {
            rejected.add(row.number(), row.cells(), validator.errors());
        }
    }

    /** Merges what was staged and stores the rejections, both in the caller's transaction. */
    LoadResult finish() {
        LoadResult result = load.finish();
        rejected.store();
        return result;
    }

    /** A COPY left open would block the rollback for ever: a pass that fails ends it first. */
    void abort() {
        load.abort();
    }

    long total() {
        return total;
    }

    long accepted() {
        return accepted;
    }

    long mobilesOutsideKnownRanges() {
        return validator.mobilesOutsideKnownRanges();
    }
}
