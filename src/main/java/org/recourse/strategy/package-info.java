/**
 * Strategies (策略): an institution's message templates (screened before they are approved), strategies as versioned
 * data — ordered segments of cases by bucket, days past due, outstanding, product and province, each with a
 * treatment path of steps and, for champion/challenger, variants that split its cases by a stable hash of the case
 * id — validated when saved, activated from a date; the nightly {@code strategy} step records which version,
 * segment and variant applied to each case, and {@link org.recourse.strategy.Treatments} tells other modules
 * (placement, the contact plan) which steps fall due on a day.
 *
 * <p>Placement by rule, task generation and collectors' adjustments of a path are not here: they build on
 * {@link org.recourse.strategy.Treatments}.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "registry", "cases", "compliance", "compliance :: screening", "daily"})
@NullMarked
package org.recourse.strategy;

import org.jspecify.annotations.NullMarked;
