package org.recourse.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** How the night's agencies are shared out between the parts of its assignment ({@link PlacementStep#shares}). */
class AssignmentSharesTests {

    @Test
    void theLargestGoFirstEachToTheLightestPartSoThePartsCarryAboutTheSame() {
        Map<UUID, AssignmentStore.NightAgency> agencies = new HashMap<>();
        Map<UUID, Long> waiting = new HashMap<>();
        long[] counts = {50, 40, 30, 30, 20, 10, 10, 5, 5};
        for (int i = 0; i < counts.length; i++) {
            UUID agency = new UUID(0, i + 1);
            agencies.put(agency, new AssignmentStore.NightAgency(agency, StandingRule.NONE, List.of()));
            waiting.put(agency, counts[i]);
        }

        List<List<AssignmentStore.NightAgency>> shares = PlacementStep.shares(agencies, waiting, 2);

        // 50 → part 0; 40, 30 → part 1 (70); 30 → 0 (80); 20 → 1 (90); 10, 10 → 0 (100); 5, 5 → 1 (100).
        assertThat(load(shares.get(0), waiting)).isEqualTo(100);
        assertThat(load(shares.get(1), waiting)).isEqualTo(100);
        assertThat(shares.get(0).get(0).agency()).isEqualTo(new UUID(0, 1));
        assertThat(shares.stream().mapToInt(List::size).sum()).isEqualTo(counts.length);
        // The same night gives the same shares (ties by agency id).
        assertThat(PlacementStep.shares(agencies, waiting, 2)).isEqualTo(shares);
    }

    @Test
    void onePartTakesEveryAgencyAndMorePartsThanAgenciesLeaveSomeEmpty() {
        UUID only = new UUID(0, 7);
        Map<UUID, AssignmentStore.NightAgency> agencies = Map.of(only,
                new AssignmentStore.NightAgency(only, StandingRule.NONE, List.of()));

        assertThat(PlacementStep.shares(agencies, Map.of(only, 3L), 1)).hasSize(1)
                .allSatisfy(share -> assertThat(share).hasSize(1));
        assertThat(PlacementStep.shares(agencies, Map.of(only, 3L), 3)).extracting(List::size)
                .containsExactly(1, 0, 0);
    }

    private static long load(List<AssignmentStore.NightAgency> share, Map<UUID, Long> waiting) {
        return share.stream().mapToLong(agency -> waiting.get(agency.agency())).sum();
    }
}
