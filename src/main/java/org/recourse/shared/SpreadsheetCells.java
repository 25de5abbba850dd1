package org.recourse.shared;

/**
 * The rule every export that users open in a spreadsheet follows (OWASP "CSV injection"): text that the
 * platform did not write itself can never run as a formula.
 */
public final class SpreadsheetCells {

    private SpreadsheetCells() {
    }

    /**
     * The cell as it is safe to write: prefixed with {@code '} when it starts with a character that spreadsheet
     * programs read as the start of a formula ({@code = + - @}, tab, carriage return). A negative amount such as
     * {@code -5.00} gets the prefix too, which is the accepted price of the rule (write amounts as numbers).
     */
    public static String neutralise(String cell) {
        if (cell.isEmpty()) {
            return cell;
        }
        return switch (cell.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + cell;
            default -> cell;
        };
    }
}
