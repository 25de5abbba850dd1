package org.recourse.intake;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.recourse.cases.AccountRecord;
import org.recourse.shared.IdNumber;
import org.recourse.shared.Masking;
import org.recourse.shared.PhoneNumber;
import org.recourse.shared.PlainText;

/**
 * Checks one row against the template's rules (the table in the intake issue), collecting every error of
 * the row, each with one stable code. A valid row comes out normalised as an {@link AccountRecord}:
 * 18-character ID number with an upper-case check character, 11-digit mobile, amounts at two decimals.
 */
final class RowValidator {

    static final int MAX_ACCOUNT_REF = 64;

    private final HeaderMapping mapping;
    private final LocalDate today;
    private final List<RowError> errors = new ArrayList<>();
    private long mobilesOutsideKnownRanges;

    RowValidator(HeaderMapping mapping, LocalDate today) {
        this.mapping = mapping;
        this.today = today;
    }

    /** The valid account, or null with {@link #errors()} saying why. */
    @Nullable AccountRecord validate(List<String> row) {
        errors.clear();
        String accountRef = text(row, Column.ACCOUNT_REF, MAX_ACCOUNT_REF);
        String product = text(row, Column.PRODUCT, 64);
        String name = text(row, Column.BORROWER_NAME, 50);
        String idNumber = idNumber(row);
        String mobile = mobile(row);
        List<String> otherPhones = otherPhones(row);
        String address = optional(row, Column.ADDRESS, 200);
        String province = optional(row, Column.PROVINCE, 20);
        String city = optional(row, Column.CITY, 20);
        String contactName = optional(row, Column.EMERGENCY_CONTACT_NAME, 50);
        String contactRelation = optional(row, Column.EMERGENCY_CONTACT_RELATION, 20);
        String contactPhone = contactPhone(row);
        if (!sameBlankness(row, Column.EMERGENCY_CONTACT_NAME, Column.EMERGENCY_CONTACT_RELATION,
                Column.EMERGENCY_CONTACT_PHONE)) {
            error(Column.EMERGENCY_CONTACT_NAME, "emergency_contact.incomplete", null);
        }
        BigDecimal loanAmount = amount(row, Column.LOAN_AMOUNT, true);
        Integer term = term(row);
        LocalDate loanDate = date(row, Column.LOAN_DATE);
        LocalDate dueDate = date(row, Column.DUE_DATE);
        if (loanDate != null && dueDate != null && dueDate.isBefore(loanDate)) {
            error(Column.DUE_DATE, "date.order", dueDate.toString());
        }
        BigDecimal principal = amount(row, Column.PRINCIPAL_OUTSTANDING, false);
        BigDecimal interest = amount(row, Column.INTEREST_OUTSTANDING, false);
        BigDecimal fees = amount(row, Column.FEES_OUTSTANDING, false);
        BigDecimal penalty = amount(row, Column.PENALTY_OUTSTANDING, false);
        String currency = currency(row);
        if (!errors.isEmpty()) {
            return null;
        }
        if (!PhoneNumber.isKnownMobileRange(mobile)) {
            mobilesOutsideKnownRanges++;
        }
        return new AccountRecord(accountRef, product, name, idNumber, mobile, otherPhones, address, province, city,
                contactName, contactRelation, contactPhone, loanAmount, term, loanDate, dueDate, principal, interest,
                fees, penalty, currency);
    }

    List<RowError> errors() {
        return List.copyOf(errors);
    }

    /** Accepted rows whose mobile fits the format but no range known to be in use (a warning on the batch). */
    long mobilesOutsideKnownRanges() {
        return mobilesOutsideKnownRanges;
    }

    void rejectDuplicate(String accountRef) {
        errors.clear();
        error(Column.ACCOUNT_REF, "account_ref.duplicate_in_file", accountRef);
    }

    private @Nullable String text(List<String> row, Column column, int max) {
        String value = mapping.cell(row, column).strip();
        if (value.isEmpty()) {
            return error(column, "required", null);
        }
        if (PlainText.length(value) > max) {
            return error(column, "too_long", null);
        }
        return value;
    }

    private @Nullable String optional(List<String> row, Column column, int max) {
        String value = mapping.cell(row, column).strip();
        if (value.isEmpty()) {
            return null;
        }
        return PlainText.length(value) > max ? error(column, "too_long", null) : value;
    }

    private @Nullable String idNumber(List<String> row) {
        String raw = mapping.cell(row, Column.ID_NUMBER);
        if (raw.isBlank()) {
            return error(Column.ID_NUMBER, "required", null);
        }
        IdNumber.Check check = IdNumber.check(raw, today);
        return check.valid() ? check.normalised() : error(Column.ID_NUMBER, check.errorCode(), Masking.idNumber(raw.strip()));
    }

    private @Nullable String mobile(List<String> row) {
        String raw = mapping.cell(row, Column.MOBILE);
        if (raw.isBlank()) {
            return error(Column.MOBILE, "required", null);
        }
        String mobile = PhoneNumber.normaliseMobile(raw).orElse(null);
        if (mobile == null) {
            return error(Column.MOBILE, "mobile.format", Masking.phone(raw.strip()));
        }
        return mobile;
    }

    private List<String> otherPhones(List<String> row) {
        String raw = mapping.cell(row, Column.OTHER_PHONES).strip();
        if (raw.isEmpty()) {
            return List.of();
        }
        List<String> phones = new ArrayList<>(2);
        // Separated by ';' or the full-width '；' that Chinese keyboards type; split by hand, no regex per row.
        int from = 0;
        while (from <= raw.length()) {
            int to = from;
            while (to < raw.length() && raw.charAt(to) != ';' && raw.charAt(to) != '；') {
                to++;
            }
            String part = raw.substring(from, to);
            from = to + 1;
            if (part.isBlank()) {
                continue;
            }
            String phone = PhoneNumber.normaliseContactPhone(part).orElse(null);
            if (phone == null) {
                error(Column.OTHER_PHONES, "phone.format", Masking.phone(part.strip()));
                return List.of();
            }
            phones.add(phone);
        }
        return phones;
    }

    private @Nullable String contactPhone(List<String> row) {
        String raw = mapping.cell(row, Column.EMERGENCY_CONTACT_PHONE).strip();
        if (raw.isEmpty()) {
            return null;
        }
        return PhoneNumber.normaliseContactPhone(raw)
                .orElseGet(() -> error(Column.EMERGENCY_CONTACT_PHONE, "phone.format", Masking.phone(raw)));
    }

    private @Nullable BigDecimal amount(List<String> row, Column column, boolean positive) {
        String raw = mapping.cell(row, column);
        if (raw.isBlank()) {
            error(column, "required", null);
            return null;
        }
        Amounts.Parsed parsed = Amounts.parse(raw);
        if (parsed.errorCode() != null) {
            error(column, parsed.errorCode(), shorten(raw));
            return null;
        }
        // The loan itself must be more than zero; the code list has no separate code for zero.
        if (positive && parsed.value().signum() <= 0) {
            error(column, "amount.negative", shorten(raw));
            return null;
        }
        return parsed.value();
    }

    private @Nullable Integer term(List<String> row) {
        String raw = mapping.cell(row, Column.TERM_MONTHS).strip();
        if (raw.isEmpty()) {
            error(Column.TERM_MONTHS, "required", null);
            return null;
        }
        int term = 0;
        boolean digits = raw.length() <= 3;
        for (int i = 0; i < raw.length() && digits; i++) {
            char c = raw.charAt(i);
            digits = c >= '0' && c <= '9';
            term = term * 10 + (c - '0');
        }
        if (!digits || term < 1 || term > 360) {
            error(Column.TERM_MONTHS, "term.range", shorten(raw));
            return null;
        }
        return term;
    }

    private @Nullable LocalDate date(List<String> row, Column column) {
        String raw = mapping.cell(row, column);
        if (raw.isBlank()) {
            error(column, "required", null);
            return null;
        }
        LocalDate date = Dates.parse(raw);
        if (date == null) {
            error(column, "date.format", shorten(raw));
            return null;
        }
        if (date.isAfter(today)) {
            error(column, "date.future", date.toString());
            return null;
        }
        return date;
    }

    private @Nullable String currency(List<String> row) {
        String raw = mapping.cell(row, Column.CURRENCY).strip();
        if (raw.isEmpty()) {
            return "CNY";
        }
        String code = raw.toUpperCase(Locale.ROOT);
        try {
            return code.length() == 3 ? Currency.getInstance(code).getCurrencyCode() : error(Column.CURRENCY,
                    "currency.unknown", shorten(raw));
        } catch (IllegalArgumentException e) {
            return error(Column.CURRENCY, "currency.unknown", shorten(raw));
        }
    }

    /** An emergency contact comes whole (name, relation, phone) or not at all. */
    private boolean sameBlankness(List<String> row, Column name, Column relation, Column phone) {
        boolean hasName = !mapping.cell(row, name).isBlank();
        return hasName == !mapping.cell(row, relation).isBlank() && hasName == !mapping.cell(row, phone).isBlank();
    }

    private static String shorten(String raw) {
        String value = raw.strip();
        return value.length() > 32 ? value.substring(0, 32) + "…" : value;
    }

    private @Nullable String error(Column column, String code, @Nullable String maskedValue) {
        errors.add(new RowError(column, code, maskedValue));
        return null;
    }
}
