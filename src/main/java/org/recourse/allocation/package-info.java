/**
 * Placements (委外): an institution entrusts chosen cases to an agency under an entrustment contract in force,
 * within the contract's scope and capacity, for the contract's period; a case is never placed with two
 * agencies at once (a partial unique index decides races). Placing creates the outsourcing notice the
 * borrower must have before the agency's first contact. Placements are recalled on request, when the period
 * ends (the nightly step) or with their contract; history is kept.
 *
 * <p>Agencies read cases and ask the compliance engine through placements: this module implements what
 * {@code cases} ({@link org.recourse.cases.PlacedCases}) and {@code compliance}
 * ({@link org.recourse.compliance.Entrustments}) declare they need. An agency's administrator assigns the
 * placed cases to the agency's collectors ({@link org.recourse.allocation.AssignmentDesk}; one collector per
 * placement at a time, again a partial unique index); a collector reads and acts on only the cases assigned to
 * them. Every night the cases whose treatment path (module {@code strategy}) says {@code PLACE_WITH_AGENCY} are
 * placed by the institution's rule (round robin, capacity, weighted by each agency's record) and assigned by each
 * agency's standing rule ({@link org.recourse.allocation.AllocationRules}); contracts past their last day end.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "registry", "cases", "compliance", "daily", "strategy"})
@NullMarked
package org.recourse.allocation;

import org.jspecify.annotations.NullMarked;
