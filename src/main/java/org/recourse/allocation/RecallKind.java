package org.recourse.allocation;

/** Why a placement ended: the institution asked, its period ended, or its contract was suspended or ended. */
public enum RecallKind { REQUEST, PERIOD_ENDED, CONTRACT_SUSPENDED, CONTRACT_ENDED }
