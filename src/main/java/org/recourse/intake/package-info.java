/**
 * The door every overdue account comes through: institutions upload CSV or XLSX files, or post JSON,
 * and each row is validated with a stable code per rejection, loaded once (idempotent by key and by
 * content), and reported back row by row. Bad files are refused whole; one bad row never stops the good.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "cases", "registry", "strategy", "intake::parsing"})
@NullMarked
package org.recourse.intake;

import org.jspecify.annotations.NullMarked;
