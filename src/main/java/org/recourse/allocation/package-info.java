/**
 * Placements (委外): an institution entrusts chosen cases to an agency under an entrustment contract in force,
 * within the contract's scope and capacity, for the contract's period; a case is never placed with two
 * agencies at once (a partial unique index decides races). Placing creates the outsourcing notice the
 * borrower must have before the agency's first contact. Placements are recalled on request, when the period
 * ends (the nightly step) or with their contract; history is kept.
 *
 * <p>Agencies read cases and ask the compliance engine through placements: this module implements what
 * {@code cases} ({@link org.recourse.cases.PlacedCases}) and {@code compliance}
 * ({@link org.recourse.compliance.Entrustments}) declare they need. Placing by strategy rules (round robin,
 * capacity, weights) and assignment to collectors come later, on {@link org.recourse.allocation.Placing}.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "registry", "cases", "compliance", "daily"})
@NullMarked
package org.recourse.allocation;

import org.jspecify.annotations.NullMarked;
