package org.recourse.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.recourse.allocation.PlacementOutcome.Refused;
import org.recourse.cases.CaseProfiles.CaseProfile;
import org.recourse.cases.CaseStatus;
import org.recourse.registry.ContractScope;

/** Which requested cases a contract takes, and the one reason each other case is refused, in the order asked. */
class PlacementRulesTests {

    private static final ContractScope SCOPE = new ContractScope(List.of("现金贷"), List.of("M1", "M2"),
            List.of("广东省"));

    private final Map<UUID, CaseProfile> profiles = new HashMap<>();

    @Test
    void refusesEachCaseForItsFirstReasonAndPlacesTheRest() {
        UUID fits = profile(CaseStatus.ACTIVE, "现金贷", "M1", "广东省");
        UUID closed = profile(CaseStatus.PAID, "现金贷", "M1", "广东省");
        UUID otherProduct = profile(CaseStatus.NEW, "消费分期", "M1", "广东省");
        UUID otherBucket = profile(CaseStatus.NEW, "现金贷", "M3", "广东省");
        UUID noProvince = profile(CaseStatus.NEW, "现金贷", "M2", null);
        UUID placed = profile(CaseStatus.NEW, "现金贷", "M2", "广东省");
        UUID missing = UUID.randomUUID();

        PlacementRules.Choice choice = PlacementRules.choose(
                List.of(missing, fits, closed, otherProduct, otherBucket, noProvince, placed), profiles, SCOPE,
                Set.of(placed), 10);

        assertThat(choice.toPlace()).extracting(CaseProfile::id).containsExactly(fits);
        assertThat(choice.refused()).extracting(Refused::caseId, Refused::code).containsExactly(
                tuple(missing, "placement.case_not_found"),
                tuple(closed, "placement.case_closed"),
                tuple(otherProduct, "placement.out_of_scope"),
                tuple(otherBucket, "placement.out_of_scope"),
                tuple(noProvince, "placement.out_of_scope"),
                tuple(placed, "placement.already_placed"));
        assertThat(choice.refused().get(0).accountRef()).isNull();
        assertThat(choice.refused().get(1).accountRef()).isEqualTo("REF-" + closed);
    }

    @Test
    void givesTheRoomLeftToTheFirstCasesAskedThatFit() {
        UUID closed = profile(CaseStatus.CLOSED, "现金贷", "M1", "广东省");
        UUID first = profile(CaseStatus.NEW, "现金贷", "M1", "广东省");
        UUID second = profile(CaseStatus.NEW, "现金贷", "M2", "广东省");
        UUID third = profile(CaseStatus.NEW, "现金贷", "M2", "广东省");

        PlacementRules.Choice choice = PlacementRules.choose(List.of(closed, first, second, third), profiles, SCOPE,
                Set.of(), 2);

        assertThat(choice.toPlace()).extracting(CaseProfile::id).containsExactly(first, second);
        assertThat(choice.refused()).extracting(Refused::caseId, Refused::code).containsExactly(
                tuple(closed, "placement.case_closed"),
                tuple(third, "placement.capacity"));
        assertThat(PlacementRules.choose(List.of(first), profiles, SCOPE, Set.of(), 0).refused())
                .extracting(Refused::code).containsExactly("placement.capacity");
    }

    @Test
    void anEmptyScopeListMeansAny() {
        ContractScope any = new ContractScope(List.of(), List.of(), List.of());
        UUID anything = profile(CaseStatus.ACTIVE, "汽车金融", "M6+", null);

        assertThat(PlacementRules.choose(List.of(anything), profiles, any, Set.of(), 1).toPlace()).hasSize(1);
    }

    private UUID profile(CaseStatus status, String product, String bucket, String province) {
        UUID id = UUID.randomUUID();
        profiles.put(id, new CaseProfile(id, "REF-" + id, status, product, province, 10, bucket));
        return id;
    }
}
