package org.recourse.intake;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.recourse.cases.AccountLoading;
import org.recourse.cases.LoadResult;
import org.recourse.intake.parsing.TabularFile;
import org.recourse.intake.parsing.TabularFiles;
import org.recourse.intake.parsing.UnreadableFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads one batch's file in a single pass: every row is validated, valid rows stream straight into the
 * bulk load, rejected rows are collected with their reasons; then the load merges and the batch
 * completes, all in one transaction. A file that cannot be read, or lacks a required column, fails the
 * batch whole and nothing is loaded. Progress is written on the side, in its own short transactions.
 */
@Component
class BatchProcessor {

    private static final Logger log = LoggerFactory.getLogger(BatchProcessor.class);
    private static final int PROGRESS_EVERY = 10_000;
    // Institutions in the first release are all in mainland China; a per-institution zone comes with cases.
    private static final ZoneId INSTITUTION_ZONE = ZoneId.of("Asia/Shanghai");

    private final Batches batches;
    private final RejectedRows rejectedRows;
    private final AccountLoading loading;
    private final IntakeFiles files;
    private final IntakeProperties properties;
    private final Clock clock;
    private final TransactionTemplate work;
    private final TransactionTemplate side;
    private final ApplicationEventPublisher events;

    BatchProcessor(Batches batches, RejectedRows rejectedRows, AccountLoading loading, IntakeFiles files,
                   IntakeProperties properties, Clock clock, PlatformTransactionManager transactions,
                   ApplicationEventPublisher events) {
        this.batches = batches;
        this.rejectedRows = rejectedRows;
        this.loading = loading;
        this.files = files;
        this.properties = properties;
        this.clock = clock;
        this.events = events;
        this.work = new TransactionTemplate(transactions);
        this.side = new TransactionTemplate(transactions);
        this.side.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    void process(UUID batch) {
        UUID institution = batches.institutionOf(batch);
        // Only an unfinished batch is processed: a second submission of a finished one does nothing.
        if (institution == null || !batches.claim(batch)) {
            return;
        }
        Path file = files.path(batch);
        try {
            work.executeWithoutResult(status -> load(batch, institution, file));
        } catch (UnreadableFile e) {
            fail(batch, institution, e.code(), e.rowNumber() == null ? null : "row " + e.rowNumber());
        } catch (MissingColumns e) {
            fail(batch, institution, "file.missing_columns", e.names());
        } catch (RuntimeException e) {
            // The exception's message may quote data (a constraint's key, a cell): log its type only.
            log.error("Intake batch {} failed with {}", batch, e.getClass().getName());
            fail(batch, institution, "internal_error", null);
        } finally {
            files.discard(file);
        }
    }

    private void load(UUID batch, UUID institution, Path file) {
        rejectedRows.forget(batch);
        LocalDate today = clock.instant().atZone(INSTITUTION_ZONE).toLocalDate();
        TabularFiles.Limits limits = new TabularFiles.Limits(properties.maxFileSize().toBytes(),
                properties.maxExpandedSize().toBytes());
        try (TabularFile table = TabularFiles.open(file, limits)) {
            HeaderMapping mapping = HeaderMapping.of(table.header());
            if (!mapping.missingColumns().isEmpty()) {
                throw new MissingColumns(mapping.missingColumns());
            }
            List<BatchView.Warning> warnings = headerWarnings(mapping);
            side.executeWithoutResult(status -> batches.describeFile(batch, table.format(), table.encoding(), warnings));

            long started = System.nanoTime();
            RowPass pass = new RowPass(mapping, new RowValidator(mapping, today),
                    rejectedRows.collector(batch, mapping, properties.storedErrorRows()),
                    loading.begin(institution, batch));
            try {
                for (Iterator<TabularFile.Row> rows = table.rows(); rows.hasNext(); ) {
                    pass.take(rows.next());
                    if (pass.total() % PROGRESS_EVERY == 0) {
                        long processed = pass.total();
                        side.executeWithoutResult(status -> batches.progress(batch, BatchStatus.VALIDATING, processed));
                    }
                }
            } catch (RuntimeException e) {
                pass.abort();
                throw e;
            }
            long total = pass.total();
            long accepted = pass.accepted();
            side.executeWithoutResult(status -> batches.progress(batch, BatchStatus.LOADING, total));
            long merging = System.nanoTime();
            LoadResult result = pass.finish();
            log.info("Intake batch {}: {} rows read, validated and staged in {} ms; merged in {} ms", batch, total,
                    (merging - started) / 1_000_000, (System.nanoTime() - merging) / 1_000_000);
            if (pass.mobilesOutsideKnownRanges() > 0) {
                warnings.add(new BatchView.Warning("mobile.unknown_range",
                        Long.toString(pass.mobilesOutsideKnownRanges())));
            }
            batches.complete(batch, new Batches.Counts(total, accepted, total - accepted, result.created(),
                    result.updated(), result.unchanged()), warnings, clock.instant());
            events.publishEvent(new IntakeEvent.BatchCompleted(batch, institution, total, accepted, total - accepted,
                    result.created(), result.updated()));
        }
    }

    private static List<BatchView.Warning> headerWarnings(HeaderMapping mapping) {
        List<BatchView.Warning> warnings = new ArrayList<>();
        if (!mapping.unknownColumns().isEmpty()) {
            warnings.add(new BatchView.Warning("columns.ignored", String.join(", ", mapping.unknownColumns())));
        }
        if (!mapping.duplicateColumns().isEmpty()) {
            warnings.add(new BatchView.Warning("columns.duplicate", mapping.duplicateColumns().stream()
                    .map(Column::english).collect(Collectors.joining(", "))));
        }
        return warnings;
    }

    private void fail(UUID batch, UUID institution, String code, String detail) {
        side.executeWithoutResult(status -> {
            batches.fail(batch, code, detail, clock.instant());
            events.publishEvent(new IntakeEvent.BatchFailed(batch, institution, code));
        });
    }

    /** The file lacks required columns: named in the batch's failure, in template (English) names. */
    static final class MissingColumns extends RuntimeException {

        private final String names;

        MissingColumns(List<Column> columns) {
            super("missing columns");
            this.names = columns.stream().map(column -> column.english() + " (" + column.chinese() + ")")
                    .collect(Collectors.joining(", "));
        }

        String names() {
            return names;
        }
    }
}
