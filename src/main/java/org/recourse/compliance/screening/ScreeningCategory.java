package org.recourse.compliance.screening;

/**
 * The prohibited-content categories of COMPLIANCE.md §B.4; the sources for each are listed there. Names for
 * people come from the message bundle under {@code screening.category.<name>}.
 */
public enum ScreeningCategory {

    /** Violence or threat of harm. */
    C1,
    /** Insult, obscenity, degradation. */
    C2,
    /** Impersonating the police, courts, other authorities or lawyers. */
    C3,
    /** False or exaggerated legal consequences. */
    C4,
    /** Disclosure to third parties, shaming; and anything that reveals the debt to a third party. */
    C5,
    /** Pressure to borrow elsewhere or sell assets to pay. */
    C6,
    /** Payment to private accounts, extra fees. */
    C7,
    /** A misleading pretext or lure for making contact. */
    C8,
    /** Missing mandatory disclosures: the institution's name and the collector's badge number. */
    C9,
    /** Personal data in the body: a full ID number, bank card number or (to third parties) mobile number. */
    C10,
    /**
     * Harassing cadence: decided by the contact engine from the contact ledger, never from text, so
     * screening never reports it. Kept here so that every category of §B.4 has one name everywhere.
     */
    C11
}
