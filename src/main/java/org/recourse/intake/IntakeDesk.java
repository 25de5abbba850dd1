package org.recourse.intake;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.registry.SignedInUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where an institution hands in its overdue accounts (a file, or JSON from its systems) and follows what
 * became of them. Receiving stores the content and answers at once with the batch; the rows are read in
 * the background. The institution is always the signed-in user's own.
 */
@Service
@PreAuthorize("hasAnyRole('INSTITUTION_ADMIN', 'INSTITUTION_OPERATOR')")
public class IntakeDesk {

    private static final int MAX_KEY_LENGTH = 255;

    private final Batches batches;
    private final RejectedRows rejectedRows;
    private final IntakeFiles files;
    private final IntakeWorker worker;
    private final IntakeProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final MessageSource messages;

    IntakeDesk(Batches batches, RejectedRows rejectedRows, IntakeFiles files, IntakeWorker worker,
               IntakeProperties properties, Clock clock, ApplicationEventPublisher events, MessageSource messages) {
        this.batches = batches;
        this.rejectedRows = rejectedRows;
        this.files = files;
        this.worker = worker;
        this.properties = properties;
        this.clock = clock;
        this.events = events;
        this.messages = messages;
    }

    /** A file as uploaded (CSV or XLSX; the format is told from the content, not the name). */
    public Receipt receiveFile(SignedInUser user, InputStream content, @Nullable String fileName,
                               @Nullable String idempotencyKey) {
        checkKey(idempotencyKey);
        IntakeFiles.Received received = files.receive(content, properties.maxFileSize().toBytes());
        if (received.bytes() == 0) {
            files.discard(received.path());
            throw IntakeProblem.emptyFile();
        }
        return open(user, received, "FILE", fileName == null ? null : baseName(fileName), idempotencyKey);
    }

    /** Accounts posted as a JSON array by the institution's systems; read exactly like a file. */
    public Receipt receiveAccounts(SignedInUser user, byte[] json, @Nullable String idempotencyKey) {
        checkKey(idempotencyKey);
        byte[] csv = JsonAccounts.toCsv(json, properties.maxApiAccounts());
        IntakeFiles.Received received = files.receive(new java.io.ByteArrayInputStream(csv), Long.MAX_VALUE);
        // The key protects the request as sent, so its hash is of the JSON, not of our CSV rendering.
        IntakeFiles.Received asSent = new IntakeFiles.Received(received.path(), JsonAccounts.sha256(json),
                received.bytes(), received.lines());
        return open(user, asSent, "API", null, idempotencyKey);
    }

    public BatchView batch(SignedInUser user, UUID batch) {
        return batches.find(user.organisationId(), batch).orElseThrow(IntakeProblem::batchNotFound);
    }

    public List<BatchView> latest(SignedInUser user) {
        return batches.latest(user.organisationId(), 50);
    }

    /** The batch's rejections, one per refused cell, with messages in {@code locale} and values masked. */
    public List<BatchErrorView> errors(SignedInUser user, UUID batch, Locale locale) {
        batch(user, batch);
        return rejectedRows.errors(batch, properties.storedErrorRows() * 4).stream()
                .map(error -> new BatchErrorView(error.row(), error.field(), error.code(),
                        messages.getMessage("intake.error." + error.code(),
                                new Object[] {Column.label(error.field(), locale), error.maskedValue()}, error.code(),
                                locale)))
                .toList();
    }

    /**
     * Writes the rejected rows as sent, plus a reason column, as CSV or XLSX with formula injection
     * neutralised. The rows hold personal data in full, so each download is audited.
     */
    public void writeRejectedRows(SignedInUser user, UUID batch, String format, Locale locale, OutputStream out) {
        batch(user, batch);
        RejectedRowsExport.write(rejectedRows, errors(user, batch, locale), batch, format, locale, messages, out);
        events.publishEvent(new IntakeEvent.RejectedRowsDownloaded(batch, user.organisationId(), user.actor()));
    }

    private Receipt open(SignedInUser user, IntakeFiles.Received received, String source, @Nullable String fileName,
                         @Nullable String idempotencyKey) {
        UUID institution = user.organisationId();
        if (idempotencyKey != null) {
            Receipt earlier = earlier(institution, idempotencyKey, received);
            if (earlier != null) {
                return earlier;
            }
        }
        UUID batch = UUID.randomUUID();
        boolean added = batches.add(batch, institution, source, fileName, received.sha256(), idempotencyKey,
                received.lines() == null ? null : Math.max(0, received.lines() - 1), user.userId(), clock.instant());
        if (!added) {
            // Another request with the same key won the race a moment ago.
            Receipt earlier = earlier(institution, idempotencyKey, received);
            if (earlier != null) {
                return earlier;
            }
        }
        files.keep(received, batch);
        events.publishEvent(new IntakeEvent.BatchReceived(batch, institution, user.actor(), source));
        afterCommit(() -> worker.submit(batch));
        return new Receipt(batches.find(institution, batch).orElseThrow(IntakeProblem::batchNotFound), true);
    }

    private @Nullable Receipt earlier(UUID institution, @Nullable String key, IntakeFiles.Received received) {
        if (key == null) {
            return null;
        }
        return batches.byIdempotencyKey(institution, key).map(existing -> {
            files.discard(received.path());
            if (!existing.sha256().equals(received.sha256())) {
                throw IntakeProblem.idempotencyKeyReused();
            }
            return new Receipt(batches.find(institution, existing.id()).orElseThrow(IntakeProblem::batchNotFound),
                    false);
        }).orElse(null);
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    private static void checkKey(@Nullable String key) {
        if (key != null && (key.isBlank() || key.length() > MAX_KEY_LENGTH)) {
            throw IntakeProblem.idempotencyKeyTooLong();
        }
    }

    private static String baseName(String fileName) {
        String name = fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        return name.length() > 255 ? name.substring(0, 255) : name;
    }

    /** The batch, and whether this request created it (false: an earlier request with the same key did). */
    public record Receipt(BatchView batch, boolean created) {
    }
}
