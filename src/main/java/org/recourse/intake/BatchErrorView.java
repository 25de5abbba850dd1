package org.recourse.intake;

/** One rejected cell: data row (1-based, header excluded), column, stable code, message with the value masked. */
public record BatchErrorView(long row, String field, String code, String message) {
}
