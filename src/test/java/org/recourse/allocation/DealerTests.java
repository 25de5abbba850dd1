package org.recourse.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * The dealing of the nightly placement as a function of counts: each rule's split, the most constrained groups first,
 * and never more to a contract than its room (on many random cases).
 */
class DealerTests {

    @Test
    void roundRobinDealsInTurnStartingWithTheContractWithFewerOpen() {
        List<Dealer.Pool> pools = List.of(pool(100, 1, "1"), pool(100, 0, "1"), pool(100, 0, "1"));
        List<Dealer.Quota> quotas = Dealer.deal(PlacementRule.ROUND_ROBIN, List.of(group(8, 0, 1, 2)), pools);
        // B and C (none open) first, then A: B 3, C 3, A 2, in contract order over the group's numbering.
        assertThat(quotas).extracting(Dealer.Quota::pool, Dealer.Quota::lo, Dealer.Quota::hi)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 0L, 2L),
                        org.assertj.core.groups.Tuple.tuple(1, 2L, 5L), org.assertj.core.groups.Tuple.tuple(2, 5L, 8L));
    }

    @Test
    void capacityLevelsTheFreeRoom() {
        List<Dealer.Quota> quotas = Dealer.deal(PlacementRule.CAPACITY, List.of(group(8, 0, 1)),
                List.of(pool(6, 4, "1"), pool(10, 0, "1")));
        assertThat(counts(quotas, 2)).containsExactly(2L, 6L);
    }

    @Test
    void weightedFollowsTheDivisorsAndAZeroWeightTakesNothing() {
        List<Dealer.Quota> quotas = Dealer.deal(PlacementRule.WEIGHTED, List.of(group(20, 0, 1, 2, 3)),
                List.of(pool(100, 0, "0.64"), pool(100, 0, "0.14"), pool(100, 0, "0.345"), pool(100, 0, "0")));
        assertThat(counts(quotas, 4)).containsExactly(12L, 2L, 6L, 0L);
    }

    @Test
    void theMostConstrainedGroupIsDealtFirst() {
        // Group X fits only contract 0 (room 3); group Y fits both. Dealt in the other order, Y would take 0's room.
        Dealer.Group x = new Dealer.Group("X", null, "M1", 3, List.of(0));
        Dealer.Group y = new Dealer.Group("A", null, "M1", 4, List.of(0, 1));
        List<Dealer.Quota> quotas = Dealer.deal(PlacementRule.ROUND_ROBIN, List.of(y, x),
                List.of(pool(3, 0, "1"), pool(4, 0, "1")));
        assertThat(quotas.stream().filter(q -> q.group() == x).mapToLong(Dealer.Quota::count).sum()).isEqualTo(3);
        assertThat(quotas.stream().filter(q -> q.group() == y).mapToLong(Dealer.Quota::count).sum()).isEqualTo(4);
    }

    @Test
    void noRuleEverGivesAContractMoreThanItsRoomNorAGroupMoreThanItsCases() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            int k = 1 + random.nextInt(6);
            List<Dealer.Pool> pools = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                pools.add(pool(random.nextInt(30) - 2, random.nextInt(5), Integer.toString(random.nextInt(3))));
            }
            List<Dealer.Group> groups = new ArrayList<>();
            for (int g = 0; g < 1 + random.nextInt(5); g++) {
                List<Integer> covering = new ArrayList<>();
                for (int i = 0; i < k; i++) {
                    if (random.nextBoolean()) {
                        covering.add(i);
                    }
                }
                groups.add(new Dealer.Group("P" + g, null, "M1", random.nextInt(40), covering));
            }
            for (PlacementRule rule : PlacementRule.values()) {
                List<Dealer.Quota> quotas = Dealer.deal(rule, groups, pools);
                long[] per = counts(quotas, k).stream().mapToLong(Long::longValue).toArray();
                for (int i = 0; i < k; i++) {
                    assertThat(per[i]).isLessThanOrEqualTo(Math.max(0, pools.get(i).room()));
                }
                for (Dealer.Group group : groups) {
                    List<Dealer.Quota> of = quotas.stream().filter(q -> q.group() == group).toList();
                    assertThat(of.stream().mapToLong(Dealer.Quota::count).sum()).isLessThanOrEqualTo(group.cases());
                    assertThat(of).allSatisfy(q -> assertThat(group.pools()).contains(q.pool()));
                    long next = 0;
                    for (Dealer.Quota quota : of) {
                        assertThat(quota.lo()).isEqualTo(next);
                        next = quota.hi();
                    }
                }
                // Capacity and round robin leave a case out only when every contract covering it is full.
                if (rule != PlacementRule.WEIGHTED) {
                    for (Dealer.Group group : groups) {
                        long got = quotas.stream().filter(q -> q.group() == group).mapToLong(Dealer.Quota::count).sum();
                        if (got < group.cases()) {
                            assertThat(group.pools()).allSatisfy(i -> assertThat(per[i])
                                    .isEqualTo(Math.max(0, pools.get(i).room())));
                        }
                    }
                }
            }
        }
    }

    @Test
    void theWeightIsRecoveryWithAFloorTimesCompliance() {
        BigDecimal none = BigDecimal.ZERO;
        assertThat(AgencyRecords.weight(new BigDecimal("0.6"), none, none)).isEqualByComparingTo("0.64");
        assertThat(AgencyRecords.weight(new BigDecimal("0.2"), new BigDecimal("0.5"), none)).isEqualByComparingTo("0.14");
        assertThat(AgencyRecords.weight(BigDecimal.ZERO, BigDecimal.ZERO, none)).isEqualByComparingTo("0.1");
        assertThat(AgencyRecords.weight(BigDecimal.ONE, BigDecimal.ONE, none)).isEqualByComparingTo("0");
    }

    @Test
    void complaintsDivideTheWeight() {
        // One complaint per hundred placements halves it, one per thousand takes a tenth off (1 / 1.1).
        assertThat(AgencyRecords.weight(new BigDecimal("0.6"), BigDecimal.ZERO, new BigDecimal("0.01")))
                .isEqualByComparingTo("0.32");
        assertThat(AgencyRecords.weight(new BigDecimal("0.6"), BigDecimal.ZERO, new BigDecimal("0.001")))
                .isEqualByComparingTo("0.5818");
        assertThat(AgencyRecords.weight(new BigDecimal("0.2"), new BigDecimal("0.5"), new BigDecimal("0.04")))
                .isEqualByComparingTo("0.028");
        // The complaint-free agency of two otherwise alike takes the larger share of a night.
        BigDecimal clean = AgencyRecords.weight(new BigDecimal("0.4"), BigDecimal.ZERO, BigDecimal.ZERO);
        BigDecimal complained = AgencyRecords.weight(new BigDecimal("0.4"), BigDecimal.ZERO, new BigDecimal("0.02"));
        assertThat(complained).isLessThan(clean);
    }

    private static Dealer.Pool pool(long room, long open, String weight) {
        return new Dealer.Pool(UUID.randomUUID(), room, open, new BigDecimal(weight));
    }

    private static Dealer.Group group(long cases, Integer... pools) {
        return new Dealer.Group("现金贷", "广东省", "M1", cases, List.of(pools));
    }

    private static List<Long> counts(List<Dealer.Quota> quotas, int k) {
        List<Long> counts = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            int pool = i;
            counts.add(quotas.stream().filter(q -> q.pool() == pool).mapToLong(Dealer.Quota::count).sum());
        }
        return counts;
    }
}
