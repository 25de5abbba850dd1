package org.recourse.strategy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The cases a segment's conditions can match, as a box over four dimensions: days past due (a set of whole days;
 * buckets are turned into their days by the institution's bands), outstanding (in units of 0.0001, never below
 * zero), product and province (finite sets, or everything but a finite set). Segments are ordered and the first
 * match wins, so a segment can never match when what is left of its box after taking away every earlier segment's
 * box is empty; {@link #reachable} decides that exactly, by splitting boxes (a difference of two boxes is at most
 * four disjoint boxes).
 */
final class SegmentSpace {

    /** Beyond this many pieces the answer is "reachable": never refuse a strategy we could not judge. */
    private static final int MAX_PIECES = 20_000;

    private SegmentSpace() {
    }

    /** One dimension: sets that can be intersected and subtracted. */
    sealed interface Dimension permits Ints, Names {
        Dimension and(Dimension other);

        Dimension minus(Dimension other);

        boolean empty();
    }

    /** Whole numbers: sorted, disjoint, closed intervals [lo, hi]. */
    record Ints(List<long[]> intervals) implements Dimension {

        static Ints between(long lo, long hi) {
            return lo > hi ? new Ints(List.of()) : new Ints(List.of(new long[] {lo, hi}));
        }

        static Ints union(List<long[]> intervals) {
            List<long[]> sorted = new ArrayList<>(intervals);
            sorted.sort((a, b) -> Long.compare(a[0], b[0]));
            List<long[]> merged = new ArrayList<>();
            for (long[] interval : sorted) {
                if (interval[0] > interval[1]) {
                    continue;
                }
                long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (last != null && interval[0] <= (last[1] == Long.MAX_VALUE ? last[1] : last[1] + 1)) {
                    last[1] = Math.max(last[1], interval[1]);
                } else {
                    merged.add(new long[] {interval[0], interval[1]});
                }
            }
            return new Ints(merged);
        }

        @Override
        public Dimension and(Dimension other) {
            List<long[]> result = new ArrayList<>();
            for (long[] a : intervals) {
                for (long[] b : ((Ints) other).intervals) {
                    long lo = Math.max(a[0], b[0]);
                    long hi = Math.min(a[1], b[1]);
                    if (lo <= hi) {
                        result.add(new long[] {lo, hi});
                    }
                }
            }
            return union(result);
        }

        @Override
        public Dimension minus(Dimension other) {
            List<long[]> result = new ArrayList<>();
            for (long[] a : intervals) {
                List<long[]> pieces = List.of(a);
                for (long[] b : ((Ints) other).intervals) {
                    List<long[]> next = new ArrayList<>();
                    for (long[] piece : pieces) {
                        if (b[1] < piece[0] || b[0] > piece[1]) {
                            next.add(piece);
                            continue;
                        }
                        if (b[0] > piece[0]) {
                            next.add(new long[] {piece[0], b[0] - 1});
                        }
                        if (b[1] < piece[1]) {
                            next.add(new long[] {b[1] + 1, piece[1]});
                        }
                    }
                    pieces = next;
                }
                result.addAll(pieces);
            }
            return union(result);
        }

        @Override
        public boolean empty() {
            return intervals.isEmpty();
        }
    }

    /** Names: exactly {@code names}, or (when {@code allBut}) every name but those. */
    record Names(boolean allBut, Set<String> names) implements Dimension {

        static final Names ANY = new Names(true, Set.of());

        static Names of(@Nullable List<String> names) {
            return names == null || names.isEmpty() ? ANY : new Names(false, Set.copyOf(names));
        }

        @Override
        public Dimension and(Dimension other) {
            Names that = (Names) other;
            if (allBut && that.allBut) {
                return new Names(true, union(names, that.names));
            }
            if (allBut) {
                return new Names(false, difference(that.names, names));
            }
            return new Names(false, that.allBut ? difference(names, that.names) : intersection(names, that.names));
        }

        @Override
        public Dimension minus(Dimension other) {
            Names that = (Names) other;
            if (allBut && that.allBut) {
                return new Names(false, difference(that.names, names));
            }
            if (allBut) {
                return new Names(true, union(names, that.names));
            }
            return new Names(false, that.allBut ? intersection(names, that.names) : difference(names, that.names));
        }

        @Override
        public boolean empty() {
            return !allBut && names.isEmpty();
        }

        private static Set<String> union(Set<String> a, Set<String> b) {
            Set<String> result = new HashSet<>(a);
            result.addAll(b);
            return result;
        }

        private static Set<String> intersection(Set<String> a, Set<String> b) {
            Set<String> result = new HashSet<>(a);
            result.retainAll(b);
            return result;
        }

        private static Set<String> difference(Set<String> a, Set<String> b) {
            Set<String> result = new HashSet<>(a);
            result.removeAll(b);
            return result;
        }
    }

    /** The cases a segment's conditions match: the product of its dimensions. */
    record Box(List<Dimension> dimensions) {

        boolean empty() {
            return dimensions.stream().anyMatch(Dimension::empty);
        }

        /** This box without {@code other}: disjoint boxes, none of them empty. */
        List<Box> minus(Box other) {
            List<Dimension> common = new ArrayList<>();
            for (int i = 0; i < dimensions.size(); i++) {
                common.add(dimensions.get(i).and(other.dimensions.get(i)));
            }
            if (common.stream().anyMatch(Dimension::empty)) {
                return List.of(this);
            }
            List<Box> pieces = new ArrayList<>();
            for (int i = 0; i < dimensions.size(); i++) {
                List<Dimension> piece = new ArrayList<>(common.subList(0, i));
                piece.add(dimensions.get(i).minus(other.dimensions.get(i)));
                piece.addAll(dimensions.subList(i + 1, dimensions.size()));
                Box box = new Box(piece);
                if (!box.empty()) {
                    pieces.add(box);
                }
            }
            return pieces;
        }
    }

    /**
     * The box of a segment's conditions; {@code bucketDays} gives the days past due of each bucket name the
     * institution's bands know (unknown names are refused before this is asked).
     */
    static Box box(StrategyDefinition.Conditions conditions, java.util.function.Function<String, long[]> bucketDays) {
        Ints days = Ints.between(Long.MIN_VALUE, Long.MAX_VALUE);
        if (conditions.buckets() != null && !conditions.buckets().isEmpty()) {
            days = Ints.union(conditions.buckets().stream().map(bucketDays).toList());
        }
        days = (Ints) days.and(Ints.between(conditions.minDpd() == null ? Long.MIN_VALUE : conditions.minDpd(),
                conditions.maxDpd() == null ? Long.MAX_VALUE : conditions.maxDpd()));
        Ints amounts = Ints.between(units(conditions.minOutstanding(), 0), units(conditions.maxOutstanding(),
                Long.MAX_VALUE));
        // A case without a province is in no listed province: "any" includes it, a list does not, as in the SQL.
        return new Box(List.of(days, amounts, Names.of(conditions.products()), Names.of(conditions.provinces())));
    }

    /**
     * Whether any case can reach the segment of {@code box}: one that it matches and no earlier segment does.
     */
    static boolean reachable(Box box, List<Box> earlier) {
        List<Box> left = box.empty() ? List.of() : List.of(box);
        for (Box before : earlier) {
            List<Box> next = new ArrayList<>();
            for (Box piece : left) {
                next.addAll(piece.minus(before));
            }
            if (next.size() > MAX_PIECES) {
                return true;
            }
            left = next;
            if (left.isEmpty()) {
                return false;
            }
        }
        return !left.isEmpty();
    }

    /** An amount in ten-thousandths, at least zero (no case owes less), at most what a long holds. */
    private static long units(@Nullable BigDecimal amount, long otherwise) {
        if (amount == null) {
            return otherwise;
        }
        BigDecimal units = amount.movePointRight(4).setScale(0, java.math.RoundingMode.CEILING);
        if (units.signum() < 0) {
            return 0;
        }
        return units.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? Long.MAX_VALUE : units.longValueExact();
    }
}
