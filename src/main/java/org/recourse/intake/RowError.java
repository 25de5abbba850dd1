package org.recourse.intake;

import org.jspecify.annotations.Nullable;

/** Why one cell of a row was refused: the column, a stable code, and the value masked for display. */
record RowError(Column column, String code, @Nullable String maskedValue) {
}
