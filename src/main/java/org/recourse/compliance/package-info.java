/**
 * The compliance engine (PRODUCT.md capability 8, COMPLIANCE.md): policy packs as versioned data that
 * institutions may tighten and never loosen; a decision before every contact attempt, allow or deny with
 * the rules that decided; the contact ledger that counts caps across the institution and all its
 * agencies; and screening of message text.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "registry", "cases"})
@NullMarked
package org.recourse.compliance;

import org.jspecify.annotations.NullMarked;
