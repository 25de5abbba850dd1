package org.recourse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A contract keeps its invariants whoever builds it, and says what it covers and when it is in force. */
class ContractTests {

    private static final OrganisationId INSTITUTION = OrganisationId.newId();
    private static final OrganisationId AGENCY = OrganisationId.newId();
    private static final LocalDate START = LocalDate.of(2026, 3, 1);
    private static final LocalDate END = LocalDate.of(2026, 8, 31);

    @Test
    void aProposalIsADraftWithItsRatesInBucketOrder() {
        Contract contract = propose(new ContractScope(List.of("现金贷"), List.of("M3", "M1"), List.of()),
                Map.of("M3", Rate.parse("0.2"), "M1", Rate.parse("0.08")));

        assertThat(contract.status()).isEqualTo(ContractStatus.DRAFT);
        assertThat(contract.scope().buckets()).containsExactly("M1", "M3");
        assertThat(contract.commissionRates().keySet()).containsExactly("M1", "M3");
    }

    @Test
    void refusesBrokenTerms() {
        ContractScope scope = new ContractScope(List.of(), List.of("M1"), List.of());
        Map<String, Rate> rates = Map.of("M1", Rate.parse("0.1"));
        assertThatIllegalArgumentException().isThrownBy(() -> Contract.propose(INSTITUTION, INSTITUTION, scope, rates,
                10, START, END));
        assertThatIllegalArgumentException().isThrownBy(() -> Contract.propose(INSTITUTION, AGENCY, scope, rates,
                0, START, END));
        assertThatIllegalArgumentException().isThrownBy(() -> Contract.propose(INSTITUTION, AGENCY, scope, rates,
                10, END, START));
        assertThatIllegalArgumentException().isThrownBy(() -> Contract.propose(INSTITUTION, AGENCY, scope,
                Map.of("M1", Rate.parse("0.1"), "M2", Rate.parse("0.1")), 10, START, END));
        assertThatIllegalArgumentException().isThrownBy(() -> Contract.propose(INSTITUTION, AGENCY,
                new ContractScope(List.of(), List.of(), List.of()), rates, 10, START, END));
        assertThatIllegalArgumentException().isThrownBy(() -> new ContractScope(List.of(), List.of("M7"), List.of()));
        // One day is a period.
        assertThat(Contract.propose(INSTITUTION, AGENCY, scope, rates, 1, START, START).endDate()).isEqualTo(START);
    }

    @Test
    void anEmptyListMeansAny() {
        Map<String, Rate> everyBucket = new LinkedHashMap<>();
        ContractScope.BUCKETS.forEach(bucket -> everyBucket.put(bucket, Rate.parse("0.1")));
        ContractScope any = new ContractScope(List.of(), List.of(), List.of());
        ContractScope narrow = new ContractScope(List.of("现金贷"), List.of("M2"), List.of("广东省"));

        assertThat(propose(any, everyBucket).scope().covers("消费贷", "M6+", null)).isTrue();
        assertThat(narrow.covers("现金贷", "M2", "广东省")).isTrue();
        assertThat(narrow.covers("消费贷", "M2", "广东省")).isFalse();
        assertThat(narrow.covers("现金贷", "M1", "广东省")).isFalse();
        assertThat(narrow.covers("现金贷", "M2", "湖南省")).isFalse();
        assertThat(narrow.covers("现金贷", "M2", null)).isFalse();
    }

    @Test
    void isInForceOnlyWhileActiveAndWithinItsPeriod() {
        Contract draft = propose(new ContractScope(List.of(), List.of("M1"), List.of()), Map.of("M1", Rate.parse("0.1")));
        Contract active = draft.after(ContractAction.ACCEPT);

        assertThat(draft.inForceOn(START)).isFalse();
        assertThat(active.inForceOn(START.minusDays(1))).isFalse();
        assertThat(active.inForceOn(START)).isTrue();
        assertThat(active.inForceOn(END)).isTrue();
        assertThat(active.inForceOn(END.plusDays(1))).isFalse();
        assertThat(active.after(ContractAction.SUSPEND).inForceOn(START)).isFalse();
    }

    @Test
    void refusesAStepItsStatusDoesNotAllowNamingFromAndTo() {
        Contract active = propose(new ContractScope(List.of(), List.of("M1"), List.of()), Map.of("M1", Rate.parse("0.1")))
                .after(ContractAction.ACCEPT);

        assertThatThrownBy(() -> active.after(ContractAction.ACCEPT))
                .isInstanceOfSatisfying(ContractProblem.class, problem -> {
                    assertThat(problem.code()).isEqualTo("contract.transition");
                    assertThat(problem.properties()).containsEntry("from", "ACTIVE").containsEntry("to", "ACTIVE");
                });
        assertThat(active.after(ContractAction.END).status()).isEqualTo(ContractStatus.ENDED);
    }

    private static Contract propose(ContractScope scope, Map<String, Rate> rates) {
        return Contract.propose(INSTITUTION, AGENCY, scope, rates, 100, START, END);
    }
}
