/**
 * Borrowers and their overdue accounts as institutions send them, kept one account per institution and
 * account reference, with the previous values of every change. Personal data is encrypted here and
 * found again by keyed hashes. (Cases, their lifecycle, days past due and buckets come next.)
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "registry", "daily"})
@NullMarked
package org.recourse.cases;

import org.jspecify.annotations.NullMarked;
