package org.recourse.intake.parsing;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * An uploaded account file opened for a single pass over its rows, whatever its format.
 *
 * <p>The header is the first row that is not entirely blank. Entirely blank data rows (every cell empty
 * or whitespace) are skipped and <em>not</em> counted, so {@link Row#number()} is the ordinal of the
 * data row among the non-blank ones: the first row after the header is 1. Cells are never null; a row
 * shorter than the header is padded with empty strings, and a longer one keeps its extra cells up to
 * its last non-empty one. Data cells are returned as written (not trimmed); header cells are trimmed.
 */
public interface TabularFile extends AutoCloseable {

    /** The trimmed header cells, without trailing empty ones. Never empty. */
    List<String> header();

    /**
     * The data rows, read lazily. Every call returns the same single-pass iterator. A file that turns out
     * to be broken part-way through throws {@link UnreadableFile} (with {@link UnreadableFile#rowNumber()})
     * from {@code hasNext()} or {@code next()}.
     */
    Iterator<Row> rows();

    /** {@code "CSV"} or {@code "XLSX"}. */
    String format();

    /** {@code "UTF-8"}, {@code "UTF-8-BOM"}, {@code "GBK"} for CSV; {@code "XLSX"} for workbooks. */
    String encoding();

    /** Releases the file handle and any temporary files; never throws a checked exception. */
    @Override
    void close();

    /** One non-blank data row and its 1-based number among the non-blank data rows. */
    record Row(long number, List<String> cells) {

        public Row {
            if (number < 1) {
                throw new IllegalArgumentException("row numbers start at 1");
            }
            // List.copyOf returns an already immutable list unchanged, so the readers pay no second copy.
            cells = List.copyOf(Objects.requireNonNull(cells, "cells"));
        }
    }
}
