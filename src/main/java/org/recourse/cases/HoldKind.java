package org.recourse.cases;

/** Why collection on a case is stopped (COMPLIANCE.md: the compliance engine denies contact under a hold). */
public enum HoldKind {
    DISPUTED, CEASE_CONTACT, DECEASED, LEGAL, VULNERABLE, INSTITUTION_PAUSE
}
