package org.recourse.registry;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What people do to a contract: each action starts from the statuses named here and leads to one status, and
 * belongs to one side. The status table ({@link ContractStatus#canMoveTo}) still has the last word; an action
 * only narrows it, so that an agency cannot "accept" a suspended contract back into force (resuming is the
 * institution's) nor "decline" one it has already accepted.
 */
public enum ContractAction {

    /** The institution's proposal: how every contract begins, never applied to an existing one. */
    PROPOSE(false, false, "proposed", ContractStatus.DRAFT),
    ACCEPT(true, false, "accepted", ContractStatus.ACTIVE, ContractStatus.DRAFT),
    DECLINE(true, true, "declined", ContractStatus.ENDED, ContractStatus.DRAFT),
    SUSPEND(false, true, "suspended", ContractStatus.SUSPENDED, ContractStatus.ACTIVE),
    RESUME(false, false, "resumed", ContractStatus.ACTIVE, ContractStatus.SUSPENDED),
    END(false, true, "ended", ContractStatus.ENDED, ContractStatus.DRAFT, ContractStatus.ACTIVE,
            ContractStatus.SUSPENDED);

    private final boolean byAgency;
    private final boolean needsReason;
    private final String pastTense;
    private final ContractStatus target;
    private final Set<ContractStatus> startsFrom;

    ContractAction(boolean byAgency, boolean needsReason, String pastTense, ContractStatus target,
                   ContractStatus... startsFrom) {
        this.byAgency = byAgency;
        this.needsReason = needsReason;
        this.pastTense = pastTense;
        this.target = target;
        this.startsFrom = EnumSet.noneOf(ContractStatus.class);
        this.startsFrom.addAll(List.of(startsFrom));
    }

    /** The agency's (accept, decline) or the institution's (everything else). */
    public boolean byAgency() {
        return byAgency;
    }

    /** Taking a contract out of force, or refusing it, says why; the other side reads it. */
    public boolean needsReason() {
        return needsReason;
    }

    public ContractStatus target() {
        return target;
    }

    /** Whether this action may be taken on a contract in {@code status}. */
    public boolean appliesTo(ContractStatus status) {
        return startsFrom.contains(status) && status.canMoveTo(target);
    }

    /** The audit action, e.g. {@code contract.accepted}. */
    String auditAction() {
        return "contract." + pastTense;
    }
}
