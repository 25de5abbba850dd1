package org.recourse.intake;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where each template column sits in one file's header. Columns may come in any order and in English
 * or Chinese; unknown columns are ignored with a warning; a missing required column refuses the file.
 */
final class HeaderMapping {

    private final int[] positions = new int[Column.values().length];
    private final List<String> unknownColumns;
    private final List<Column> missingColumns;
    private final List<Column> duplicateColumns;

    private HeaderMapping(List<String> header) {
        Arrays.fill(positions, -1);
        List<String> unknown = new ArrayList<>();
        List<Column> duplicates = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String cell = header.get(i);
            if (cell.isBlank()) {
                continue;
            }
            Column column = Column.forHeader(cell);
            if (column == null) {
                unknown.add(cell.strip());
            } else if (positions[column.ordinal()] >= 0) {
                duplicates.add(column);
            } else {
                positions[column.ordinal()] = i;
            }
        }
        List<Column> missing = new ArrayList<>();
        for (Column column : Column.values()) {
            if (column.required() && positions[column.ordinal()] < 0) {
                missing.add(column);
            }
        }
        this.unknownColumns = List.copyOf(unknown);
        this.missingColumns = List.copyOf(missing);
        this.duplicateColumns = List.copyOf(duplicates);
    }

    static HeaderMapping of(List<String> header) {
        return new HeaderMapping(header);
    }

    /** The cell of {@code column} in a row; empty when the file has no such column or the row is short. */
    String cell(List<String> row, Column column) {
        int position = positions[column.ordinal()];
        return position < 0 || position >= row.size() ? "" : row.get(position);
    }

    boolean has(Column column) {
        return positions[column.ordinal()] >= 0;
    }

    List<String> unknownColumns() {
        return unknownColumns;
    }

    List<Column> missingColumns() {
        return missingColumns;
    }

    List<Column> duplicateColumns() {
        return duplicateColumns;
    }

    /** The cells of a row by column, for storing a rejected row in template form. */
    Map<Column, String> cells(List<String> row) {
        Map<Column, String> cells = new EnumMap<>(Column.class);
        for (Column column : Column.values()) {
            if (has(column)) {
                cells.put(column, cell(row, column));
            }
        }
        return cells;
    }
}
