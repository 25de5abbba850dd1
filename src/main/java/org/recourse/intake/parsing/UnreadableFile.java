package org.recourse.intake.parsing;

import org.jspecify.annotations.Nullable;

/**
 * Says that an uploaded account file cannot be read at all, with a stable message code for the lender.
 *
 * <p>It is unchecked because a file can also break part-way through, while its rows are being streamed.
 * Messages describe the problem only; they never quote the file, because its cells hold personal data.
 * For the same reason a cause from a parsing library keeps its type and stack trace but loses its message.
 */
public final class UnreadableFile extends RuntimeException {

    /** Not a CSV or XLSX file (legacy .xls, encrypted workbook, image, other binary or zip). */
    public static final String TYPE = "file.type";

    /** Nothing in it, or no header row. */
    public static final String EMPTY = "file.empty";

    /** Bigger than {@link TabularFiles.Limits#maxFileBytes()}. */
    public static final String TOO_LARGE = "file.too_large";

    /** Text that is neither UTF-8 nor GBK. */
    public static final String ENCODING = "file.encoding";

    /** A workbook that would expand to far more than it weighs. */
    public static final String ZIP_BOMB = "file.zip_bomb";

    /** Broken structure: an unclosed quote, a truncated or corrupt workbook. */
    public static final String MALFORMED = "file.malformed";

    private static final long serialVersionUID = 1L;

    private final String code;

    private final @Nullable Long rowNumber;

    private UnreadableFile(String code, String message, @Nullable Long rowNumber, @Nullable Throwable cause) {
        super(message, ScrubbedCause.of(cause));
        this.code = code;
        this.rowNumber = rowNumber;
    }

    static UnreadableFile because(String code, String message) {
        return new UnreadableFile(code, message, null, null);
    }

    static UnreadableFile because(String code, String message, Throwable cause) {
        return new UnreadableFile(code, message, null, cause);
    }

    static UnreadableFile atRow(String code, long rowNumber, String message, @Nullable Throwable cause) {
        return new UnreadableFile(code, message + " (data row " + rowNumber + ")", rowNumber, cause);
    }

    /** The stable message code, one of the constants of this class. */
    public String code() {
        return code;
    }

    /**
     * The data row (numbered as in {@link TabularFile.Row#number()}) at which reading failed, or null when the
     * file was refused as a whole before any row was read.
     */
    public @Nullable Long rowNumber() {
        return rowNumber;
    }

    /** Stands in for a library exception whose message might quote cell contents. */
    private static final class ScrubbedCause extends Exception {

        private static final long serialVersionUID = 1L;

        private static final int MAX_DEPTH = 8;

        private ScrubbedCause(Throwable original, @Nullable Throwable cause) {
            super(original.getClass().getName(), cause, false, true);
            setStackTrace(original.getStackTrace());
        }

        static @Nullable Throwable of(@Nullable Throwable cause) {
            return of(cause, 0);
        }

        private static @Nullable Throwable of(@Nullable Throwable cause, int depth) {
            if (cause == null || depth == MAX_DEPTH) {
                return null;
            }
            return new ScrubbedCause(cause, of(cause.getCause(), depth + 1));
        }
    }
}
