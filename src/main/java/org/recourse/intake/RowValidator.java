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
    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private final HeaderMapping mapping;
    private final LocalDate today;
    private final List<RowError> errors = new ArrayList<>();
    private long mobilesOutsideKnownRanges;
    private String lastCurrency = "CNY";

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
        int term = term(row);
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
        String email = email(row);
        if (!errors.isEmpty()) {
            return null;
        }
        if (!PhoneNumber.isKnownMobileRange(mobile)) {
            mobilesOutsideKnownRanges++;
        }
        return new AccountRecord(accountRef, product, name, idNumber, mobile, otherPhones, address, province, city,
                contactName, contactRelation, contactPhone, loanAmount, term, loanDate, dueDate, principal, interest,
                fees, penalty, currency, email);
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

    /**
     * The cell of {@code column} without surrounding whitespace. Each rule below works on this, except the mobile,
     * whose own normalisation decides which inner and outer characters are grouping.
     */
    private String cell(List<String> row, Column column) {
        return PlainText.strip(mapping.cell(row, column));
    }

    private @Nullable String text(List<String> row, Column column, int max) {
        String value = cell(row, column);
        if (value.isEmpty()) {
            return error(column, "required", null);
        }
        if (PlainText.isLongerThan(value, max)) {
            return error(column, "too_long", null);
        }
        return value;
    }

    private @Nullable String optional(List<String> row, Column column, int max) {
        String value = cell(row, column);
        if (value.isEmpty()) {
            return null;
        }
        return PlainText.isLongerThan(value, max) ? error(column, "too_long", null) : value;
    }

    private @Nullable String idNumber(List<String> row) {
        String value = cell(row, Column.ID_NUMBER);
        if (value.isEmpty()) {
            return error(Column.ID_NUMBER, "required", null);
        }
        String normalised = IdNumber.normalisedOrNull(value, today);
        if (normalised != null) {
            return normalised;
        }
        // A refused number is checked again to learn why: rare, and it spares each valid row an allocation.
        return error(Column.ID_NUMBER, IdNumber.check(value, today).errorCode(), Masking.idNumber(value));
    }

    private @Nullable String mobile(List<String> row) {
        String raw = mapping.cell(row, Column.MOBILE);
        String value = PlainText.strip(raw);
        if (value.isEmpty()) {
            return error(Column.MOBILE, "required", null);
        }
        String mobile = PhoneNumber.mobileOrNull(raw);
        if (mobile == null) {
            return error(Column.MOBILE, "mobile.format", Masking.phone(value));
        }
        return mobile;
    }

    private List<String> otherPhones(List<String> row) {
        String value = cell(row, Column.OTHER_PHONES);
        if (value.isEmpty()) {
            return List.of();
        }
        List<String> phones = List.of();
        // Separated by ';' or the full-width '；' that Chinese keyboards type; split by hand, no regex per row.
        int from = 0;
        while (from <= value.length()) {
            int to = from;
            while (to < value.length() && value.charAt(to) != ';' && value.charAt(to) != '；') {
                to++;
            }
            String part = value.substring(from, to);
            from = to + 1;
            if (PlainText.strip(part).isEmpty()) {
                continue;
            }
            String phone = PhoneNumber.contactPhoneOrNull(part);
            if (phone == null) {
                error(Column.OTHER_PHONES, "phone.format", Masking.phone(PlainText.strip(part)));
                return List.of();
            }
            phones = plus(phones, phone);
        }
        return phones;
    }

    /**
     * The phones so far and one more, as an immutable list: the account keeps such a list as it is instead of
     * copying it, and a cell rarely holds more than two numbers.
     */
    private static List<String> plus(List<String> phones, String phone) {
        return switch (phones.size()) {
            case 0 -> List.of(phone);
            case 1 -> List.of(phones.get(0), phone);
            default -> {
                String[] more = phones.toArray(new String[phones.size() + 1]);
                more[phones.size()] = phone;
                yield List.of(more);
            }
        };
    }

    /**
     * The borrower's e-mail address, optional: one address of at most 254 characters, a local part and a domain
     * with a dot, no blanks; the domain in lower case (the local part is kept as sent: it may be case-sensitive).
     */
    private @Nullable String email(List<String> row) {
        String value = cell(row, Column.EMAIL);
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() > 254 || !EMAIL.matcher(value).matches()) {
            return error(Column.EMAIL, "email.format", Masking.email(shorten(value)));
        }
        int at = value.lastIndexOf('@');
        return value.substring(0, at + 1) + value.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    private @Nullable String contactPhone(List<String> row) {
        String value = cell(row, Column.EMERGENCY_CONTACT_PHONE);
        if (value.isEmpty()) {
            return null;
        }
        String phone = PhoneNumber.contactPhoneOrNull(value);
        return phone != null ? phone : error(Column.EMERGENCY_CONTACT_PHONE, "phone.format", Masking.phone(value));
    }

    private @Nullable BigDecimal amount(List<String> row, Column column, boolean positive) {
        String value = cell(row, column);
        if (value.isEmpty()) {
            error(column, "required", null);
            return null;
        }
        BigDecimal amount = Amounts.parse(value);
        if (amount == null) {
            error(column, Amounts.problem(value), shorten(value));
            return null;
        }
        // The loan itself must be more than zero; the code list has no separate code for zero.
        if (positive && amount.signum() <= 0) {
            error(column, Amounts.NEGATIVE, shorten(value));
            return null;
        }
        return amount;
    }

    /** The term in months, or 0 (never a valid term) when refused: an int, so that no row boxes one. */
    private int term(List<String> row) {
        String value = cell(row, Column.TERM_MONTHS);
        if (value.isEmpty()) {
            error(Column.TERM_MONTHS, "required", null);
            return 0;
        }
        int term = 0;
        boolean digits = value.length() <= 3;
        for (int i = 0; i < value.length() && digits; i++) {
            char c = value.charAt(i);
            digits = c >= '0' && c <= '9';
            term = term * 10 + (c - '0');
        }
        if (!digits || term < 1 || term > 360) {
            error(Column.TERM_MONTHS, "term.range", shorten(value));
            return 0;
        }
        return term;
    }

    private @Nullable LocalDate date(List<String> row, Column column) {
        String value = cell(row, column);
        if (value.isEmpty()) {
            error(column, "required", null);
            return null;
        }
        LocalDate date = Dates.parse(value);
        if (date == null) {
            error(column, "date.format", shorten(value));
            return null;
        }
        if (date.isAfter(today)) {
            error(column, "date.future", date.toString());
            return null;
        }
        return date;
    }

    private @Nullable String currency(List<String> row) {
        String value = cell(row, Column.CURRENCY);
        if (value.isEmpty()) {
            return "CNY";
        }
        // A file nearly always uses one currency: remember the last one accepted rather than look it up per row.
        if (value.equals(lastCurrency)) {
            return lastCurrency;
        }
        String code = value.toUpperCase(Locale.ROOT);
        try {
            if (code.length() != 3) {
                return error(Column.CURRENCY, "currency.unknown", shorten(value));
            }
            lastCurrency = Currency.getInstance(code).getCurrencyCode();
            return lastCurrency;
        } catch (IllegalArgumentException e) {
            return error(Column.CURRENCY, "currency.unknown", shorten(value));
        }
    }

    /** An emergency contact comes whole (name, relation, phone) or not at all. */
    private boolean sameBlankness(List<String> row, Column name, Column relation, Column phone) {
        boolean hasName = !cell(row, name).isEmpty();
        return hasName == !cell(row, relation).isEmpty() && hasName == !cell(row, phone).isEmpty();
    }

    private static String shorten(String value) {
        return value.length() > 32 ? value.substring(0, 32) + "…" : value;
    }

    private @Nullable String error(Column column, String code, @Nullable String maskedValue) {
        errors.add(new RowError(column, code, maskedValue));
        return null;
    }
}
