package org.recourse.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole transition table, pair by pair: what is allowed is listed, everything else is forbidden. And each
 * action, status by status: an action narrows the table to the status it starts from, never widens it.
 */
class ContractStatusTests {

    private static final Set<String> ALLOWED = Set.of(
            "DRAFT>ACTIVE", "DRAFT>ENDED",
            "ACTIVE>SUSPENDED", "ACTIVE>ENDED",
            "SUSPENDED>ACTIVE", "SUSPENDED>ENDED");

    private static final Set<String> ACTIONS_ALLOWED = Set.of(
            "ACCEPT@DRAFT", "DECLINE@DRAFT", "SUSPEND@ACTIVE", "RESUME@SUSPENDED",
            "END@DRAFT", "END@ACTIVE", "END@SUSPENDED");

    static Stream<Arguments> everyPair() {
        return Stream.of(ContractStatus.values()).flatMap(from -> Stream.of(ContractStatus.values())
                .map(to -> Arguments.of(from, to, ALLOWED.contains(from + ">" + to))));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyPair")
    void allowsExactlyTheListedTransitions(ContractStatus from, ContractStatus to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
    }

    static Stream<Arguments> everyActionInEveryStatus() {
        return Stream.of(ContractAction.values()).flatMap(action -> Stream.of(ContractStatus.values())
                .map(status -> Arguments.of(action, status, ACTIONS_ALLOWED.contains(action + "@" + status))));
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @MethodSource("everyActionInEveryStatus")
    void appliesEachActionOnlyWhereItStarts(ContractAction action, ContractStatus status, boolean applies) {
        assertThat(action.appliesTo(status)).isEqualTo(applies);
        if (applies) {
            assertThat(status.canMoveTo(action.target())).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyAction")
    void theAgencyAcceptsAndDeclinesTheInstitutionDoesTheRest(ContractAction action) {
        assertThat(action.byAgency()).isEqualTo(action == ContractAction.ACCEPT || action == ContractAction.DECLINE);
        assertThat(action.needsReason()).isEqualTo(action == ContractAction.DECLINE
                || action == ContractAction.SUSPEND || action == ContractAction.END);
    }

    static Stream<ContractAction> everyAction() {
        return Stream.of(ContractAction.values());
    }
}
