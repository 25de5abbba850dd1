package org.recourse.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.recourse.shared.TimeOrderedIds;

class BatchBorrowersTests {

    private final Random random = new Random(7);
    private final TimeOrderedIds.Sequence ids = new TimeOrderedIds().sequence(1_764_000_000_000L);

    @Test
    void givesABorrowerOneIdHoweverOftenTheyAreMetAcrossGrowths() {
        BatchBorrowers borrowers = new BatchBorrowers();
        List<String> keys = new ArrayList<>();
        List<UUID> assigned = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            String key = hash();
            BatchBorrowers.Seen seen = see(borrowers, key, "00".repeat(32), ids::next);
            assertThat(seen.first()).isTrue();
            keys.add(key);
            assigned.add(seen.borrowerId());
        }
        for (int i = 0; i < keys.size(); i += 997) {
            BatchBorrowers.Seen again = see(borrowers, keys.get(i), "00".repeat(32), ids::next);
            assertThat(again.first()).isFalse();
            assertThat(again.identityChanged()).isFalse();
            assertThat(again.borrowerId()).isEqualTo(assigned.get(i));
        }
        assertThat(borrowers.size()).isEqualTo(200_000);
    }

    @Test
    void reportsEachChangeOfIdentityOnce() {
        BatchBorrowers borrowers = new BatchBorrowers();
        String key = hash();
        String first = hash();
        String second = hash();
        see(borrowers, key, first, ids::next);

        assertThat(see(borrowers, key, first, ids::next).identityChanged()).isFalse();
        assertThat(see(borrowers, key, second, ids::next).identityChanged()).isTrue();
        assertThat(see(borrowers, key, second, ids::next).identityChanged()).isFalse();
        assertThat(see(borrowers, key, first, ids::next).identityChanged()).isTrue();
    }

    @Test
    void tellsApartKeysThatShareTheirLowBits() {
        BatchBorrowers borrowers = new BatchBorrowers();
        String low = "0000000000000000";
        String rest = "0123456789abcdef0123456789abcdef";
        UUID one = see(borrowers, "aaaaaaaaaaaaaaaa" + low + rest, hash(), ids::next).borrowerId();
        UUID other = see(borrowers, "bbbbbbbbbbbbbbbb" + low + rest, hash(), ids::next).borrowerId();

        assertThat(one).isNotEqualTo(other);
        assertThat(see(borrowers, "aaaaaaaaaaaaaaaa" + low + rest, hash(), ids::next).borrowerId()).isEqualTo(one);
    }

    @Test
    void handsOutAscendingIdsWithinOneMoment() {
        TimeOrderedIds.Sequence sequence = new TimeOrderedIds().sequence(1_764_000_000_000L);
        UUID previous = sequence.next();
        for (int i = 0; i < 10_000; i++) {
            UUID next = sequence.next();
            // PostgreSQL orders uuid bytewise, which is the unsigned order of the two halves.
            assertThat(next.getMostSignificantBits()).isEqualTo(previous.getMostSignificantBits());
            assertThat(Long.compareUnsigned(next.getLeastSignificantBits(), previous.getLeastSignificantBits()))
                    .isPositive();
            assertThat(next.version()).isEqualTo(7);
            assertThat(next.variant()).isEqualTo(2);
            previous = next;
        }
    }

    private String hash() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static BatchBorrowers.Seen see(BatchBorrowers borrowers, String idNumberHashHex, String identityHashHex,
            java.util.function.Supplier<UUID> newId) {
        return borrowers.see(HexFormat.of().parseHex(idNumberHashHex), HexFormat.of().parseHex(identityHashHex), newId);
    }
}
