package org.recourse.cases.web;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.recourse.cases.CaseViews.CasePage;
import org.recourse.cases.CaseViews.CaseSummary;
import org.recourse.shared.SpreadsheetCells;
import org.springframework.context.MessageSource;

/**
 * The filtered case list as an XLSX file, with exactly what the list shows: personal data masked, so a file that
 * travels by e-mail carries no ID number or mobile. Streamed through POI's SXSSF, page by page of the list, so a
 * large portfolio never sits in memory.
 */
final class CaseExport {

    /** Beyond this a spreadsheet is the wrong tool; the last row says the file was cut. */
    static final int MAX_ROWS = 100_000;

    private static final int ROWS_IN_MEMORY = 200;

    private static final List<String> COLUMNS = List.of("account_ref", "borrower", "product", "status", "dpd",
            "bucket", "principal", "interest", "fees", "penalty", "total", "currency", "due_date", "province", "city",
            "holds");

    private final MessageSource messages;
    private final Locale locale;

    CaseExport(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
    }

    /** Writes every page that {@code pages} gives, starting from the first (null cursor), up to {@link #MAX_ROWS}. */
    void write(Function<@Nullable String, CasePage> pages, OutputStream out) throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY);
        try {
            workbook.setCompressTempFiles(true);
            Sheet sheet = workbook.createSheet(text("case.export.sheet"));
            int index = 0;
            cells(sheet.createRow(index++), COLUMNS.stream().map(column -> text("case.export." + column)).toList());
            String cursor = null;
            boolean capped = false;
            do {
                CasePage page = pages.apply(cursor);
                for (CaseSummary summary : page.items()) {
                    if (index > MAX_ROWS) {
                        capped = true;
                        break;
                    }
                    cells(sheet.createRow(index++), row(summary));
                }
                cursor = page.next();
            } while (cursor != null && !capped);
            if (capped) {
                cells(sheet.createRow(index), List.of(text("case.export.capped", MAX_ROWS)));
            }
            workbook.write(out);
            out.flush();
        } finally {
            workbook.dispose();
            workbook.close();
        }
    }

    /** Days and amounts as numbers, so that they sum and sort in the spreadsheet; the rest as text. */
    private List<Object> row(CaseSummary c) {
        return List.of(c.accountRef(), c.borrowerName(), c.product(), text("case.status." + c.status()), c.dpd(),
                c.bucket(), c.outstanding().principal(), c.outstanding().interest(), c.outstanding().fees(),
                c.outstanding().penalty(), c.outstanding().total(), c.outstanding().currency(), c.dueDate().toString(),
                orEmpty(c.province()), orEmpty(c.city()),
                c.holds().stream().map(kind -> text("case.hold.kind." + kind)).collect(Collectors.joining(", ")));
    }

    private static void cells(Row row, List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value instanceof Number number) {
                row.createCell(i).setCellValue(number.doubleValue());
            } else {
                row.createCell(i).setCellValue(SpreadsheetCells.neutralise(String.valueOf(value)));
            }
        }
    }

    private String text(String code, Object... arguments) {
        return messages.getMessage(code, arguments, code, locale);
    }

    private static String orEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }
}
