package org.recourse.intake.parsing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLStreamException;

import com.github.pjfanning.xlsx.SharedStringsImplementationType;
import com.github.pjfanning.xlsx.StreamingReader;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Workbook;
import org.jspecify.annotations.Nullable;

/** An uploaded Excel workbook (.xlsx), of which the first sheet is streamed row by row. */
final class XlsxFile implements TabularFile {

    /** Compression ratio above which a large entry is treated as a zip bomb; real sheets stay far below it. */
    static final int MAX_RATIO = 100;

    /** Entries smaller than this are never judged by their ratio: small XML parts compress extremely well. */
    static final long RATIO_GRACE_BYTES = 10L * 1024 * 1024;

    /** POI's own default; a workbook with more parts than this is built to exhaust memory. */
    static final int MAX_ENTRIES = 1000;

    private static final String WORKBOOK_PART = "xl/workbook.xml";

    // What Excel shows: it keeps 15 significant digits, so 0.1+0.2 reads 0.3 rather than 0.30000000000000004.
    private static final MathContext EXCEL_PRECISION = new MathContext(15, RoundingMode.HALF_EVEN);

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    static {
        // POI checks the real inflated bytes as it reads, which also catches a zip whose directory lies about sizes.
        // These settings are JVM-wide; they match the directory check in inspect() so both give the same verdict.
        ZipSecureFile.setMinInflateRatio(1.0 / MAX_RATIO);
        ZipSecureFile.setGraceEntrySize(RATIO_GRACE_BYTES);
        ZipSecureFile.setMaxFileCount(MAX_ENTRIES);
    }

    private final Workbook workbook;

    private final Iterator<org.apache.poi.ss.usermodel.Row> sheetRows;

    private final List<String> header;

    private final Iterator<Row> rows = new ReadAhead(this::nextRow);

    private String[] scratch = new String[16];

    private long rowNumber;

    private XlsxFile(Workbook workbook) {
        this.workbook = workbook;
        if (workbook.getNumberOfSheets() == 0) {
            throw UnreadableFile.because(UnreadableFile.EMPTY, "workbook has no sheets");
        }
        this.sheetRows = workbook.getSheetAt(0).rowIterator();
        this.header = readHeader();
    }

    static TabularFile open(Path file, TabularFiles.Limits limits) {
        inspect(file, limits);
        Workbook workbook;
        try {
            workbook = StreamingReader.builder()
                    .rowCacheSize(100)
                    .bufferSize(8192)
                    .setSharedStringsImplementationType(SharedStringsImplementationType.POI_READ_ONLY)
                    .setReadStyles(true) // needed to tell date cells from numbers
                    .setReadComments(false)
                    .setReadHyperlinks(false)
                    .setReadShapes(false)
                    .open(file.toFile());
        }
        catch (RuntimeException ex) {
            throw translate(ex, null);
        }
        try {
            return new XlsxFile(workbook);
        }
        catch (RuntimeException ex) {
            closeQuietly(workbook);
            throw translate(ex, null);
        }
    }

    /**
     * Reads the zip directory before POI touches the file, so a bomb is refused without inflating anything and a
     * zip that is not a workbook gets a clear answer.
     */
    static void inspect(Path file, TabularFiles.Limits limits) {
        boolean hasWorkbook = false;
        long expanded = 0;
        int entries = 0;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (Enumeration<? extends ZipEntry> it = zip.entries(); it.hasMoreElements();) {
                ZipEntry entry = it.nextElement();
                if (++entries > MAX_ENTRIES) {
                    throw zipBomb("more than " + MAX_ENTRIES + " zip entries");
                }
                hasWorkbook |= WORKBOOK_PART.equals(entry.getName());
                long size = entry.getSize();
                if (size < 0) {
                    continue; // unknown here; POI's inflate-time checks still apply
                }
                expanded += size;
                if (expanded > limits.maxExpandedBytes()) {
                    throw zipBomb("expands to more than " + limits.maxExpandedBytes() + " bytes");
                }
                long compressed = entry.getCompressedSize();
                if (size > RATIO_GRACE_BYTES && (compressed <= 0 || size / compressed > MAX_RATIO)) {
                    throw zipBomb("an entry is compressed more than " + MAX_RATIO + ":1");
                }
            }
        }
        catch (ZipException ex) {
            throw UnreadableFile.because(UnreadableFile.MALFORMED, "corrupt or truncated zip", ex);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot read uploaded file", ex);
        }
        if (!hasWorkbook) {
            throw UnreadableFile.because(UnreadableFile.TYPE, "a zip file that is not an Excel workbook");
        }
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public Iterator<Row> rows() {
        return rows;
    }

    @Override
    public String format() {
        return "XLSX";
    }

    @Override
    public String encoding() {
        return "XLSX";
    }

    @Override
    public void close() {
        try {
            workbook.close();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot close uploaded workbook", ex);
        }
    }

    private List<String> readHeader() {
        while (sheetRows.hasNext()) {
            int count = copy(sheetRows.next());
            if (!RowShape.isBlank(scratch, count)) {
                return RowShape.header(scratch, count);
            }
        }
        throw UnreadableFile.because(UnreadableFile.EMPTY, "first sheet has no header row");
    }

    private @Nullable Row nextRow() {
        try {
            while (sheetRows.hasNext()) {
                int count = copy(sheetRows.next());
                if (!RowShape.isBlank(scratch, count)) {
                    rowNumber++;
                    return new Row(rowNumber, RowShape.data(scratch, count, header.size()));
                }
            }
            return null;
        }
        catch (RuntimeException ex) {
            throw translate(ex, rowNumber + 1);
        }
    }

    /** Copies the row's cell texts into the reused scratch array; returns how many columns it spans. */
    private int copy(org.apache.poi.ss.usermodel.Row row) {
        int count = 0;
        for (Cell cell : row) {
            int column = cell.getColumnIndex();
            if (column >= scratch.length) {
                scratch = Arrays.copyOf(scratch, Math.max(column + 1, scratch.length * 2));
            }
            while (count < column) {
                scratch[count++] = "";
            }
            scratch[column] = text(cell);
            count = Math.max(count, column + 1);
        }
        return count;
    }

    /** The text a lender sees in the cell; a formula gives its cached value, since formulas are never evaluated. */
    static String text(Cell cell) {
        CellType type = cell.getCellType();
        if (type == CellType.FORMULA) {
            type = cell.getCachedFormulaResultType();
        }
        return switch (type) {
            case STRING -> cell.getStringCellValue();
            case NUMERIC -> DateUtil.isCellDateFormatted(cell)
                    ? date(cell.getLocalDateTimeCellValue())
                    : number(cell.getNumericCellValue());
            case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
            case ERROR -> error(cell.getErrorCellValue());
            default -> "";
        };
    }

    /** Plain digits, no {@code .0} and no exponent: 13812345678 stays a phone number, 12345.6 stays 12345.6. */
    static String number(double value) {
        return BigDecimal.valueOf(value).round(EXCEL_PRECISION).stripTrailingZeros().toPlainString();
    }

    /** A date as {@code yyyy-MM-dd}; a time of day is kept only when there is one, rather than silently lost. */
    static String date(LocalDateTime value) {
        return value.toLocalTime().equals(LocalTime.MIDNIGHT) ? value.toLocalDate().toString() : DATE_TIME.format(value);
    }

    private static String error(byte code) {
        try {
            return FormulaError.forInt(code).getString();
        }
        catch (IllegalArgumentException ex) {
            return "#ERROR";
        }
    }

    private static UnreadableFile zipBomb(String why) {
        return UnreadableFile.because(UnreadableFile.ZIP_BOMB, "workbook refused as a zip bomb: " + why);
    }

    private static UnreadableFile translate(RuntimeException ex, @Nullable Long row) {
        if (ex instanceof UnreadableFile unreadable) {
            return unreadable;
        }
        boolean bomb = isZipBomb(ex);
        String code = bomb ? UnreadableFile.ZIP_BOMB : UnreadableFile.MALFORMED;
        String message = bomb ? "workbook refused as a zip bomb while inflating" : "corrupt workbook";
        return row == null ? UnreadableFile.because(code, message, ex) : UnreadableFile.atRow(code, row, message, ex);
    }

    /**
     * POI signals its inflate-time limits only through IOException messages, which the XML parser may wrap as a
     * "nested" exception rather than a cause, so both links are followed.
     */
    private static boolean isZipBomb(Throwable ex) {
        String countMessage = ZipSecureFile.MAX_FILE_COUNT_MSG.substring(0, 40);
        Throwable t = ex;
        for (int depth = 0; t != null && depth < 10; depth++) {
            String message = t.getMessage();
            if (message != null && (message.contains("Zip bomb detected") || message.contains(countMessage))) {
                return true;
            }
            t = t instanceof XMLStreamException xml && xml.getNestedException() != null ? xml.getNestedException() : t.getCause();
        }
        return false;
    }

    private static void closeQuietly(Workbook workbook) {
        try {
            workbook.close();
        }
        catch (IOException | RuntimeException ignored) {
            // The file is refused already; a failure to release it changes nothing for the lender.
        }
    }
}
