package org.recourse.compliance.screening;

/**
 * Who receives a message: the borrower, or anyone else (a pre-agreed contact, a relative, a colleague),
 * to whom nothing may reveal the debt (COMPLIANCE.md CN-06, CN-13, CN-21).
 */
public enum Recipient {
    BORROWER, THIRD_PARTY
}
