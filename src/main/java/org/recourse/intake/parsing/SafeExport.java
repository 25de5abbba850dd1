package org.recourse.intake.parsing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.recourse.shared.SpreadsheetCells;

/**
 * Writes rows that users download as CSV or XLSX so that no cell can run as a spreadsheet formula (OWASP "CSV
 * injection"), since exported cells include text that borrowers and lenders typed.
 */
public final class SafeExport {

    /** Excel in China guesses GBK for a CSV without a BOM, which garbles UTF-8 names. */
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    // RFC 4180: CRLF line ends, quotes only where needed.
    private static final CSVFormat CSV = CSVFormat.RFC4180;

    private static final int ROWS_IN_MEMORY = 100;

    private static final int MAX_CELL_CHARS = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

    private SafeExport() {
    }

    /**
     * Writes UTF-8 CSV with a BOM and RFC 4180 quoting. The stream is flushed, not closed: it belongs to the caller.
     */
    public static void writeCsv(OutputStream out, List<String> header, Iterable<List<String>> rows) {
        try {
            out.write(UTF8_BOM);
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            CSVPrinter printer = new CSVPrinter(writer, CSV);
            printCsv(printer, header);
            for (List<String> row : rows) {
                printCsv(printer, row);
            }
            printer.flush();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot write CSV export", ex);
        }
    }

    /**
     * Writes an XLSX workbook with one sheet, streaming rows through temporary files that are deleted afterwards.
     * Every cell is a string cell, never a formula. The stream is not closed: it belongs to the caller.
     */
    public static void writeXlsx(OutputStream out, String sheetName, List<String> header, Iterable<List<String>> rows) {
        SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY);
        try {
            workbook.setCompressTempFiles(true);
            Sheet sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(sheetName));
            int rowIndex = 0;
            writeXlsxRow(sheet.createRow(rowIndex++), header);
            for (List<String> row : rows) {
                writeXlsxRow(sheet.createRow(rowIndex++), row);
            }
            workbook.write(out);
            out.flush();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot write XLSX export", ex);
        }
        finally {
            workbook.dispose();
            try {
                workbook.close();
            }
            catch (IOException ignored) {
                // Nothing was read from a file, so closing can only fail on temp files already deleted by dispose().
            }
        }
    }

    private static void printCsv(CSVPrinter printer, List<String> cells) throws IOException {
        for (String cell : cells) {
            printer.print(SpreadsheetCells.neutralise(orEmpty(cell)));
        }
        printer.println();
    }

    private static void writeXlsxRow(Row row, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            String text = SpreadsheetCells.neutralise(orEmpty(cells.get(i)));
            // Excel refuses longer cells; a shortened cell beats an export that fails half-way through the download.
            row.createCell(i).setCellValue(text.length() > MAX_CELL_CHARS ? text.substring(0, MAX_CELL_CHARS) : text);
        }
    }

    @SuppressWarnings("ConstantValue") // null-marked, but rows come from callers' read models, where a gap is likely
    private static String orEmpty(String cell) {
        return cell == null ? "" : cell;
    }
}
