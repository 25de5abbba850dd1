package org.recourse.compliance.screening;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.IdNumber;

/**
 * C10: personal data in a message body (PIPL arts. 6, 28, 51; CN-06). A full resident ID number (checksum,
 * region and birth date valid) or a full bank card number (Luhn, COMPLIANCE.md §C.4) never belongs in a
 * message; a full mainland mobile number may go to the borrower but not to a third party, who could learn
 * whose number it is. Numbers may be written in groups ("6216 2610 0000 0000 018", "138-1234-5678"), in
 * full-width digits, or after +86; masked numbers ("138****5678") are not full numbers and pass.
 */
final class ScreenPersonalData {

    static final String ID_NUMBER = "CONTENT.C10_ID_NUMBER";
    static final String BANK_CARD = "CONTENT.C10_BANK_CARD";
    static final String MOBILE = "CONTENT.C10_MOBILE";

    /** Card numbers of 15 to 19 digits; shorter Luhn-valid numbers are too common (one in ten) to mean a card. */
    private static final int SHORTEST_CARD = 15;
    private static final int LONGEST_CARD = 19;
    /** Longer runs are something else (a reference number); their groups are still looked at one by one. */
    private static final int LONGEST_RUN = 24;

    private ScreenPersonalData() {
    }

    static void scan(ScreenText text, Recipient recipient, LocalDate today, List<ScreeningFinding> findings) {
        int i = 0;
        while (i < text.length()) {
            if (!ScreenText.isDigit(text.charAt(i)) || (i > 0 && ScreenText.isDigit(text.charAt(i - 1)))) {
                i++;
                continue;
            }
            i = run(text, i, recipient, today, findings);
        }
    }

    /**
     * Reads one run of digit groups joined by single spaces or hyphens from {@code start}, reports what it is,
     * and returns where the run ends. The run as a whole is tried first when it looks like one number written
     * in groups (each of 2 to 8 characters: "138 1234 5678", "+86 138-1234-5678"), then each group on its own,
     * so that "还款 1000 13812345678" reads as an amount and a mobile number, not as one 15-digit card number.
     */
    private static int run(ScreenText text, int start, Recipient recipient, LocalDate today,
            List<ScreeningFinding> findings) {
        StringBuilder digits = new StringBuilder();
        int[] groupStarts = new int[LONGEST_RUN + 1];
        int[] groupEnds = new int[LONGEST_RUN + 1];
        int groups = 0;
        int i = start;
        while (true) {
            int groupStart = i;
            while (i < text.length() && ScreenText.isDigit(text.charAt(i))) {
                digits.append(text.charAt(i++));
            }
            if (digits.length() == 17 && i < text.length() && text.charAt(i) == 'x') {
                digits.append('X');
                i++;
            }
            if (groups <= LONGEST_RUN) {
                groupStarts[groups] = groupStart;
                groupEnds[groups++] = i;
            }
            boolean joined = i + 1 < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '-')
                    && ScreenText.isDigit(text.charAt(i + 1));
            if (!joined || digits.length() > LONGEST_RUN) {
                break;
            }
            i++;
        }
        boolean grouped = groups > 1 && digits.length() <= LONGEST_RUN;
        for (int group = 0; grouped && group < groups; group++) {
            int size = groupEnds[group] - groupStarts[group];
            grouped = size >= 2 && size <= 8;
        }
        String kind = grouped ? kind(digits.toString(), today) : null;
        if (kind != null) {
            report(text, start, i, kind, recipient, findings);
            return i;
        }
        for (int group = 0; group < groups; group++) {
            int from = groupStarts[group];
            int to = groupEnds[group];
            String groupKind = kind(foldedSlice(text, from, to), today);
            if (groupKind != null) {
                report(text, from, to, groupKind, recipient, findings);
            }
        }
        return i;
    }

    /** The rule a number breaks if it is a full ID, card or mobile number, or null when it is none of them. */
    private static @Nullable String kind(String digits, LocalDate today) {
        int length = digits.length();
        if (length == 18 && IdNumber.check(digits, today).valid()) {
            return ID_NUMBER;
        }
        if (length >= SHORTEST_CARD && length <= LONGEST_CARD && digits.indexOf('X') < 0 && luhn(digits)) {
            return BANK_CARD;
        }
        String national = digits.startsWith("0086") ? digits.substring(4)
                : digits.startsWith("86") && length == 13 ? digits.substring(2) : digits;
        return isMobile(national) ? MOBILE : null;
    }

    private static void report(ScreenText text, int from, int to, String rule, Recipient recipient,
            List<ScreeningFinding> findings) {
        if (rule.equals(MOBILE) && recipient == Recipient.BORROWER) {
            return;
        }
        String term = switch (rule) {
            case ID_NUMBER -> "id_number";
            case BANK_CARD -> "bank_card";
            default -> "mobile";
        };
        findings.add(new ScreeningFinding(ScreeningCategory.C10, rule, ScreeningOutcome.BLOCK,
                text.originalStart(from), text.originalEnd(to), term));
    }

    /** Lenient mainland mobile pattern 1[3-9] and nine digits (COMPLIANCE.md §C.3): intake accepts the same. */
    private static boolean isMobile(String digits) {
        return digits.length() == 11 && digits.charAt(0) == '1' && digits.charAt(1) >= '3'
                && digits.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    private static String foldedSlice(ScreenText text, int from, int to) {
        StringBuilder slice = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            slice.append(c == 'x' ? 'X' : c);
        }
        return slice.toString();
    }
}
