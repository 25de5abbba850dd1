package org.recourse.intake.parsing;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.recourse.intake.parsing.TabularFile.Row;

/** Iterates a file's rows by reading one ahead, so that {@code hasNext()} is where a broken row surfaces. */
final class ReadAhead implements Iterator<Row> {

    private final Supplier<@Nullable Row> reader;

    private @Nullable Row pending;

    private boolean exhausted;

    /** @param reader gives the next row, or null at the end of the file */
    ReadAhead(Supplier<@Nullable Row> reader) {
        this.reader = reader;
    }

    @Override
    public boolean hasNext() {
        if (pending == null && !exhausted) {
            pending = reader.get();
            exhausted = pending == null;
        }
        return pending != null;
    }

    @Override
    public Row next() {
        Row row = pending;
        if (row == null) {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            row = pending;
        }
        pending = null;
        return row;
    }
}
