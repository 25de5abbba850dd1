package org.recourse.cases;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.ContactChannel;

/** What the case screens and the API show. Personal data in these is masked unless a reveal asked for it. */
public final class CaseViews {

    private CaseViews() {
    }

    /** What is owed, by part. */
    public record Outstanding(BigDecimal principal, BigDecimal interest, BigDecimal fees, BigDecimal penalty,
            BigDecimal total, String currency) {
    }

    /** A row of the case list. */
    public record CaseSummary(UUID id, String accountRef, String product, CaseStatus status, long dpd, String bucket,
            Outstanding outstanding, String borrowerName, @Nullable String province, @Nullable String city,
            LocalDate dueDate, List<HoldKind> holds) {
    }

    /**
     * One page of the case list; {@code next} is the cursor of the following page, null on the last;
     * {@code page} is the page number when the caller asked by number rather than by cursor; {@code institution}
     * is whose cases an agency is reading (null for an institution's own staff).
     */
    public record CasePage(List<CaseSummary> items, @Nullable Integer page, int size, @Nullable String next,
            LocalDate asOf, @Nullable UUID institution) {
    }

    /** An institution that has cases placed with the reader's agency. */
    public record PlacingInstitution(UUID id, String name) {
    }

    public record Borrower(UUID id, String name, String idNumber, String mobile) {
    }

    public record Loan(BigDecimal amount, int termMonths, LocalDate loanDate, LocalDate dueDate) {
    }

    public enum ContactKind { MOBILE, PHONE, EMAIL, ADDRESS }

    public enum ContactOwner { BORROWER, THIRD_PARTY }

    /**
     * A way to reach someone about the case, with an id of its own: collectors and systems refer to a number
     * by its id, never by its value.
     */
    public record ContactPoint(UUID id, ContactKind kind, ContactOwner owner, @Nullable String relation, String value,
            String source) {
    }

    /** A hold; {@code channel} names the one channel a cease-contact hold stops (null: every channel). */
    public record Hold(UUID id, HoldKind kind, String reason, LocalDate startsOn, @Nullable LocalDate endsOn,
            boolean active, Instant setAt, @Nullable Instant liftedAt, @Nullable String liftReason,
            @Nullable ContactChannel channel) {
    }

    public record StatusChange(CaseStatus from, CaseStatus to, String reason, String actorKind,
            @Nullable UUID actorId, Instant at) {
    }

    public record BucketChange(LocalDate businessDate, @Nullable String from, String to, int dpd) {
    }

    /** Everything about one case. */
    public record CaseDetail(UUID id, String accountRef, String product, CaseStatus status, long dpd, String bucket,
            Outstanding outstanding, Loan loan, Borrower borrower, List<ContactPoint> contactPoints, List<Hold> holds,
            List<StatusChange> statusHistory, List<BucketChange> bucketHistory, @Nullable String province,
            @Nullable String city, LocalDate asOf) {
    }

    /** The portfolio on a business date: per bucket, and how cases rolled between buckets that day. */
    public record Portfolio(@Nullable LocalDate businessDate, List<BucketTotal> buckets, List<Roll> rolls) {
    }

    public record BucketTotal(String bucket, long cases, BigDecimal outstanding) {
    }

    public record Roll(@Nullable String from, String to, long cases) {
    }

    /** Filters of the case list; nulls mean "any". */
    public record CaseFilter(@Nullable String bucket, @Nullable CaseStatus status, @Nullable Integer minDpd,
            @Nullable Integer maxDpd, @Nullable BigDecimal minOutstanding, @Nullable BigDecimal maxOutstanding,
            @Nullable HoldKind hold, @Nullable String product, @Nullable String province, @Nullable String city) {

        public static CaseFilter none() {
            return new CaseFilter(null, null, null, null, null, null, null, null, null, null);
        }
    }

    /** Orders of the case list; each ends on the id, so that a page can continue after any row. */
    public enum CaseSort { DPD_DESC, OUTSTANDING_DESC, ACCOUNT_REF }
}
