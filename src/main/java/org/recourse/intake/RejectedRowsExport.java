package org.recourse.intake;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.recourse.intake.parsing.SafeExport;
import org.springframework.context.MessageSource;

/**
 * The rejected rows of a batch as a file to fix and resend: the template's columns (English names, so
 * the file goes straight back in), the data row number, and a reason column in the reader's language.
 */
final class RejectedRowsExport {

    private RejectedRowsExport() {
    }

    static void write(RejectedRows rejectedRows, List<BatchErrorView> errors, UUID batch, String format, Locale locale,
                      MessageSource messages, OutputStream out) {
        Map<Long, String> reasons = errors.stream().collect(Collectors.groupingBy(BatchErrorView::row,
                LinkedHashMap::new, Collectors.mapping(BatchErrorView::message, Collectors.joining("; "))));
        List<String> header = new ArrayList<>();
        header.add(messages.getMessage("intake.export.row", null, "row", locale));
        for (Column column : Column.values()) {
            header.add(column.english());
        }
        header.add(messages.getMessage("intake.export.reason", null, "reason", locale));
        List<List<String>> rows = new ArrayList<>();
        rejectedRows.forEachRow(batch, rejected -> {
            List<String> row = new ArrayList<>(header.size());
            row.add(Long.toString(rejected.row()));
            for (Column column : Column.values()) {
                row.add(rejected.cells().getOrDefault(column.english(), ""));
            }
            row.add(reasons.getOrDefault(rejected.row(), ""));
            rows.add(row);
        });
        if ("xlsx".equalsIgnoreCase(format)) {
            SafeExport.writeXlsx(out, "rejected", header, rows);
        } else {
            SafeExport.writeCsv(out, header, rows);
        }
    }
}
