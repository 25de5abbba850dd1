package org.recourse.cases;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One overdue account as an institution sent it, already validated and normalised: an 18-character ID
 * number, 11-digit mobile, amounts at two decimals, an e-mail address (optional) with its domain in lower case. {@link AccountLoading} stores it.
 */
public record AccountRecord(
        String accountRef,
        String product,
        String borrowerName,
        String idNumber,
        String mobile,
        List<String> otherPhones,
        @Nullable String address,
        @Nullable String province,
        @Nullable String city,
        @Nullable String emergencyContactName,
        @Nullable String emergencyContactRelation,
        @Nullable String emergencyContactPhone,
        BigDecimal loanAmount,
        int termMonths,
        LocalDate loanDate,
        LocalDate dueDate,
        BigDecimal principalOutstanding,
        BigDecimal interestOutstanding,
        BigDecimal feesOutstanding,
        BigDecimal penaltyOutstanding,
        String currency,
        @Nullable String email) {

    public AccountRecord {
        Objects.requireNonNull(accountRef, "accountRef");
        Objects.requireNonNull(idNumber, "idNumber");
        Objects.requireNonNull(mobile, "mobile");
        otherPhones = List.copyOf(otherPhones);
        if (dueDate.isBefore(loanDate)) {
            throw new IllegalArgumentException("An account falls due after it was lent");
        }
    }

    @Override
    public String toString() {
        // Never print personal data, not even by accident in a log line or an assertion message.
        return "AccountRecord[" + accountRef + "]";
    }
}
