package org.recourse.allocation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * How many of each group of due cases go to each contract tonight: a pure function of counts, never of cases. The
 * cases themselves are then moved by one statement ({@link NightStore#placeDealt}) that numbers each group's cases
 * by account reference (row_number) and gives each contract its interval of those numbers.
 *
 * <p>A group is the due cases of one product, province and bucket: every case in it is covered by the same
 * contracts. Groups are dealt one after the other, the most constrained first (fewest contracts covering them, then
 * least room among those), so that cases only one contract can take are not crowded out by cases others could have
 * taken. Within a group the cases are dealt one at a time to the covering contract with room that the rule puts
 * first, and that contract's count for the night goes up:
 * <ul>
 * <li>ROUND_ROBIN: fewest dealt tonight first; then fewest open before tonight; then contract order;</li>
 * <li>CAPACITY: most room left first; then contract order;</li>
 * <li>WEIGHTED: smallest (dealt tonight + 1) / weight first (the D'Hondt divisor rule, so the night's counts follow
 * the weights); then contract order. A weight of 0 takes nothing.</li>
 * </ul>
 * The dealing is a loop over the counts of the night (each step an integer comparison among the few contracts),
 * not over case rows. It is greedy: where scopes overlap only in part and room is short, another split could
 * sometimes place a few more; it never places beyond a contract's room.
 */
final class Dealer {

    private Dealer() {
    }

    /** A contract in force: its place in the contract order, room (most open minus open), open now, weight. */
    record Pool(UUID contract, long room, long open, BigDecimal weight) {
    }

    /** The due cases of one product, province (null: none given) and bucket; {@code pools}: the contracts covering them. */
    record Group(String product, @Nullable String province, String bucket, long cases, List<Integer> pools) {
    }

    /** Cases numbered {@code lo + 1 … hi} of the group (by account reference) go to the pool. */
    record Quota(Group group, int pool, long lo, long hi) {

        long count() {
            return hi - lo;
        }
    }

    private static final class State {
        final int index;
        final Pool pool;
        /** The weight in units of 0.0001, so that comparing is exact integer arithmetic. */
        final long weight;
        long dealt;
        long left;

        State(int index, Pool pool) {
            this.index = index;
            this.pool = pool;
            this.left = Math.max(0, pool.room());
            this.weight = pool.weight().movePointRight(4).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        }
    }

    static List<Quota> deal(PlacementRule rule, List<Group> groups, List<Pool> pools) {
        List<State> states = new ArrayList<>();
        for (int i = 0; i < pools.size(); i++) {
            states.add(new State(i, pools.get(i)));
        }
        List<Group> ordered = new ArrayList<>(groups);
        ordered.sort(Comparator.<Group>comparingInt(g -> g.pools().size())
                .thenComparingLong(g -> g.pools().stream().mapToLong(i -> Math.max(0, pools.get(i).room())).sum())
                .thenComparing(Group::product).thenComparing(g -> Objects.requireNonNullElse(g.province(), ""))
                .thenComparing(Group::bucket));
        Comparator<State> first = order(rule);
        List<Quota> quotas = new ArrayList<>();
        for (Group group : ordered) {
            PriorityQueue<State> queue = new PriorityQueue<>(first);
            for (int i : group.pools()) {
                State state = states.get(i);
                if (state.left > 0 && takes(rule, state)) {
                    queue.add(state);
                }
            }
            long[] got = new long[pools.size()];
            long toDeal = group.cases();
            while (toDeal > 0 && !queue.isEmpty()) {
                State state = queue.poll();
                state.dealt++;
                state.left--;
                got[state.index]++;
                toDeal--;
                if (state.left > 0) {
                    queue.add(state);
                }
            }
            // Contiguous intervals of the group's numbering, in contract order.
            long lo = 0;
            for (int i = 0; i < got.length; i++) {
                if (got[i] > 0) {
                    quotas.add(new Quota(group, i, lo, lo + got[i]));
                    lo += got[i];
                }
            }
        }
        return quotas;
    }

    private static boolean takes(PlacementRule rule, State state) {
        return rule != PlacementRule.WEIGHTED || state.weight > 0;
    }

    private static Comparator<State> order(PlacementRule rule) {
        Comparator<State> byIndex = Comparator.comparingInt(s -> s.index);
        return switch (rule) {
            case ROUND_ROBIN -> Comparator.<State>comparingLong(s -> s.dealt).thenComparingLong(s -> s.pool.open())
                    .thenComparing(byIndex);
            case CAPACITY -> Comparator.<State>comparingLong(s -> -s.left).thenComparing(byIndex);
            // (a.dealt + 1) / a.weight < (b.dealt + 1) / b.weight, compared without division.
            case WEIGHTED -> ((Comparator<State>) (a, b) -> Long.compare((a.dealt + 1) * b.weight,
                    (b.dealt + 1) * a.weight)).thenComparing(byIndex);
        };
    }
}
