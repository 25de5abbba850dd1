/**
 * The nightly run: once a night (and whenever a platform administrator asks) every step of the night runs,
 * in order, for one business date: delinquency, then score, strategy, allocation and the contact plan.
 * Modules contribute their work as {@link org.recourse.daily.DailyStep} beans, so they depend on this module
 * and not the other way round. A run is cluster-safe (a node runs it only while it holds a PostgreSQL
 * advisory lock for it) and restartable (a step that completed is never run again; the one cut off runs
 * again from its start, which its idempotence makes safe).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "registry"})
@NullMarked
package org.recourse.daily;

import org.jspecify.annotations.NullMarked;
