/**
 * Reads the CSV and XLSX files that lenders upload with their overdue accounts as a stream of rows,
 * refuses unreadable files whole with a stable message code, and writes downloadable exports that
 * spreadsheet programs cannot turn into formulas.
 */
@org.springframework.modulith.NamedInterface("parsing")
@org.jspecify.annotations.NullMarked
package org.recourse.intake.parsing;
