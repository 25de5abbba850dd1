package org.recourse.compliance;

/** Why someone is to be contacted: to collect, to restore contact with a borrower who cannot be reached, or to give notice. */
public enum Purpose {
    COLLECT, RESTORE_CONTACT, NOTICE
}
