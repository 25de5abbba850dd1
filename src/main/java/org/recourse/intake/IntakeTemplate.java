package org.recourse.intake;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.recourse.intake.parsing.SafeExport;

/**
 * The empty template institutions fill in: one header row, in Chinese for Chinese readers and English
 * otherwise, required columns marked {@code *} (the reader ignores the mark).
 */
public final class IntakeTemplate {

    private IntakeTemplate() {
    }

    public static List<String> header(Locale locale) {
        boolean chinese = "zh".equals(locale.getLanguage());
        List<String> header = new ArrayList<>();
        for (Column column : Column.values()) {
            header.add((chinese ? column.chinese() : column.english()) + (column.required() ? "*" : ""));
        }
        return header;
    }

    public static void write(String format, Locale locale, OutputStream out) {
        if ("xlsx".equalsIgnoreCase(format)) {
            SafeExport.writeXlsx(out, "accounts", header(locale), List.of());
        } else {
            SafeExport.writeCsv(out, header(locale), List.of());
        }
    }
}
