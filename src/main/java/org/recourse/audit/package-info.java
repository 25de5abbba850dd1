/**
 * The audit trail: an append-only record of every change and every sign-in, fed by the
 * {@link org.recourse.shared.AuditableEvent}s that modules publish. The table refuses UPDATE and DELETE.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
@NullMarked
package org.recourse.audit;

import org.jspecify.annotations.NullMarked;
