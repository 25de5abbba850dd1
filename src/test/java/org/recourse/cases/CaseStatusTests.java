package org.recourse.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The whole transition table, pair by pair: what is allowed is listed, everything else is forbidden. */
class CaseStatusTests {

    private static final Set<String> ALLOWED = Set.of(
            "NEW>ACTIVE", "NEW>PAID", "NEW>RECALLED", "NEW>CLOSED",
            "ACTIVE>PAID", "ACTIVE>SETTLED", "ACTIVE>WRITTEN_OFF", "ACTIVE>RECALLED", "ACTIVE>CLOSED");

    static Stream<Arguments> everyPair() {
        return Stream.of(CaseStatus.values()).flatMap(from -> Stream.of(CaseStatus.values())
                .map(to -> Arguments.of(from, to, ALLOWED.contains(from + ">" + to))));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyPair")
    void allowsExactlyTheListedTransitions(CaseStatus from, CaseStatus to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0} closed: {1}")
    @MethodSource("closedness")
    void countsDaysPastDueOnlyWhileOpen(CaseStatus status, boolean closed) {
        assertThat(status.closed()).isEqualTo(closed);
    }

    static Stream<Arguments> closedness() {
        return Stream.of(CaseStatus.values())
                .map(status -> Arguments.of(status, status != CaseStatus.NEW && status != CaseStatus.ACTIVE));
    }
}
