package org.recourse.intake.parsing;

import java.util.List;

/** The rules that give every row the same shape whatever format it was read from. */
final class RowShape {

    private RowShape() {
    }

    /** A row that holds nothing but empty or whitespace cells is skipped, and not counted. */
    static boolean isBlank(String[] cells, int count) {
        for (int i = 0; i < count; i++) {
            if (!cells[i].isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** Header cells are trimmed, and trailing empty ones dropped, since spreadsheets often format whole rows. */
    static List<String> header(String[] cells, int count) {
        int width = lastNonEmpty(cells, count, 0, true) + 1;
        String[] header = new String[width];
        for (int i = 0; i < width; i++) {
            header[i] = cells[i].trim();
        }
        return List.of(header);
    }

    /**
     * Pads a data row to the header's width, and keeps cells beyond it only up to the last non-empty one: a
     * trailing empty cell carries no data, only a stray comma or formatting.
     */
    static List<String> data(String[] cells, int count, int headerWidth) {
        int width = Math.max(headerWidth, lastNonEmpty(cells, count, headerWidth, false) + 1);
        String[] row = new String[width];
        int copied = Math.min(count, width);
        System.arraycopy(cells, 0, row, 0, copied);
        for (int i = copied; i < width; i++) {
            row[i] = "";
        }
        return List.of(row);
    }

    private static int lastNonEmpty(String[] cells, int count, int from, boolean ignoreWhitespace) {
        for (int i = count - 1; i >= from; i--) {
            String cell = cells[i];
            if (ignoreWhitespace ? !cell.isBlank() : !cell.isEmpty()) {
                return i;
            }
        }
        return from - 1;
    }
}
