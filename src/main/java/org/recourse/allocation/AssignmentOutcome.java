package org.recourse.allocation;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What a bulk assignment plans (a preview) or did: how many of the chosen cases go to a collector for the first
 * time ({@code assigned}), move from one collector to another ({@code reassigned}), stay with the collector they
 * have ({@code unchanged}), find no collector ({@code leftUnassigned}: beyond every capacity), or were taken by
 * another request meanwhile ({@code skipped}, never in a preview); and, per collector, the chosen cases planned for
 * them with their outstanding amount (as planned), beside the open cases they hold outside the choice. The mode
 * is null for one case assigned by hand.
 */
public record AssignmentOutcome(boolean preview, @Nullable AssignmentMode mode, int selected, int assigned, int reassigned,
        int unchanged, int leftUnassigned, int skipped, List<CollectorLoad> collectors) {

    public record CollectorLoad(UUID collectorId, @Nullable String username, int cases, BigDecimal outstanding,
            long held) {
    }

    /** Whether writing this plan would move a case from one collector to another (which needs a reason). */
    public boolean movesCases() {
        return reassigned > 0;
    }
}
