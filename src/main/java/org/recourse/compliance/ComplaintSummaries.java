package org.recourse.compliance;

/**
 * A complaint's summary as lists show it: the numbers in it masked — any run of seven or more digits (a mobile,
 * landline, resident ID, bank card or account number) keeps only its last four, whether written in one piece, in
 * full-width digits, or in groups of three or more joined by a space or a hyphen ("138 1234 5678"); an ID's final
 * X goes with it. Shorter numbers (amounts, times) and dates ("2026-11-20": groups of two) stay. Names and places in
 * free text are not recognised: the text as recorded is given only by a reveal, which is audited.
 */
final class ComplaintSummaries {

    private static final int SHORTEST_MASKED = 7;
    private static final int SHORTEST_GROUP = 3;
    private static final int KEPT = 4;

    private ComplaintSummaries() {
    }

    static String masked(String summary) {
        StringBuilder out = new StringBuilder(summary.length());
        int i = 0;
        while (i < summary.length()) {
            if (!isDigit(summary.charAt(i))) {
                out.append(summary.charAt(i++));
                continue;
            }
            int end = runEnd(summary, i);
            String run = summary.substring(i, end);
            out.append(digits(run) >= SHORTEST_MASKED ? mask(run) : run);
            i = end;
        }
        return out.toString();
    }

    /**
     * Where the run of digits from {@code start} ends: its first group, then each further group of at least three
     * digits after one space or hyphen (while every group so far has three or more), then an X after it.
     */
    private static int runEnd(String text, int start) {
        int end = groupEnd(text, start);
        boolean grouped = end - start >= SHORTEST_GROUP;
        while (grouped && end + 1 < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '-')
                && isDigit(text.charAt(end + 1))) {
            int next = groupEnd(text, end + 1);
            if (next - (end + 1) < SHORTEST_GROUP) {
                break;
            }
            end = next;
        }
        if (end < text.length() && (text.charAt(end) == 'X' || text.charAt(end) == 'x')) {
            end++;
        }
        return end;
    }

    private static int groupEnd(String text, int start) {
        int end = start;
        while (end < text.length() && isDigit(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private static int digits(String run) {
        int n = 0;
        for (int i = 0; i < run.length(); i++) {
            n += isDigit(run.charAt(i)) || run.charAt(i) == 'X' || run.charAt(i) == 'x' ? 1 : 0;
        }
        return n;
    }

    /** Every digit but the last four as '*', separators kept. */
    private static String mask(String run) {
        StringBuilder out = new StringBuilder(run);
        int keep = KEPT;
        for (int i = out.length() - 1; i >= 0; i--) {
            char c = out.charAt(i);
            boolean digit = isDigit(c) || c == 'X' || c == 'x';
            if (digit && keep > 0) {
                keep--;
            } else if (digit) {
                out.setCharAt(i, '*');
            }
        }
        return out.toString();
    }

    private static boolean isDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= '０' && c <= '９');
    }
}
