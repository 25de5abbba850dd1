package org.recourse.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A contract's life over the API: proposed, accepted by the agency, suspended and resumed and ended by the
 * institution, each step audited and kept in its history; every step the table does not allow is a 409
 * naming where the contract stands and where the step leads; and what allocation will read.
 */
@RecourseTest
class ContractLifecycleApiTests {

    private static final List<String> ACTIONS = List.of("accept", "decline", "suspend", "resume", "end");

    /** action → the status it starts from (any of them) and where it leads, as ContractAction has it. */
    private static final Map<String, List<String>> STARTS_FROM = Map.of(
            "accept", List.of("DRAFT"),
            "decline", List.of("DRAFT"),
            "suspend", List.of("ACTIVE"),
            "resume", List.of("SUSPENDED"),
            "end", List.of("DRAFT", "ACTIVE", "SUSPENDED"));
    private static final Map<String, String> LEADS_TO = Map.of(
            "accept", "ACTIVE", "decline", "ENDED", "suspend", "SUSPENDED", "resume", "ACTIVE", "end", "ENDED");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Contracts contracts;

    private ContractFixtures fixture;

    @BeforeEach
    void anInstitutionAndAnAgency() {
        fixture = new ContractFixtures(port);
    }

    @Test
    void theAgencyAcceptsAndTheInstitutionSuspendsResumesAndEnds() {
        UUID id = fixture.proposed();

        Response accepted = fixture.act(id, "accept", fixture.agencyAdmin(), null);
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(200);
        assertThat(accepted.json().path("status").asString()).isEqualTo("ACTIVE");
        assertThat(status(id, fixture.institutionAdmin())).isEqualTo("ACTIVE");

        Response suspended = fixture.act(id, "suspend", fixture.institutionAdmin(), "投诉核查中");
        assertThat(suspended.json().path("status").asString()).isEqualTo("SUSPENDED");
        assertThat(status(id, fixture.agencyAdmin())).isEqualTo("SUSPENDED");

        assertThat(fixture.act(id, "resume", fixture.institutionAdmin(), null).json().path("status").asString())
                .isEqualTo("ACTIVE");
        assertThat(fixture.act(id, "end", fixture.institutionAdmin(), "合作到期").json().path("status").asString())
                .isEqualTo("ENDED");

        assertThat(auditActions(id)).containsExactly("contract.proposed", "contract.accepted", "contract.suspended",
                "contract.resumed", "contract.ended");
        Map<String, Object> suspension = jdbc.sql("""
                select actor_username, actor_org_id, organisation_id, details::text as details from audit.audit_event
                 where subject = :subject and action = 'contract.suspended'
                """).param("subject", "contract/" + id).query().singleRow();
        assertThat(suspension.get("actor_username")).isEqualTo(fixture.institutionAdmin().username());
        assertThat(suspension.get("organisation_id")).isEqualTo(fixture.institution.id());
        assertThat((String) suspension.get("details")).contains("\"from\": \"ACTIVE\"", "\"to\": \"SUSPENDED\"",
                "投诉核查中", fixture.agency.id().toString());

        Response history = fixture.get("/api/v1/contracts/" + id + "/history", fixture.agencyAdmin());
        assertThat(history.status()).isEqualTo(200);
        List<String> steps = new ArrayList<>();
        for (JsonNode step : history.json()) {
            steps.add(step.path("action").asString() + ":" + step.path("from").asString("-") + ">"
                    + step.path("to").asString() + ":" + step.path("by").asString());
        }
        assertThat(steps).containsExactly(
                "PROPOSE:->DRAFT:" + fixture.institutionAdmin().username(),
                "ACCEPT:DRAFT>ACTIVE:" + fixture.agencyAdmin().username(),
                "SUSPEND:ACTIVE>SUSPENDED:" + fixture.institutionAdmin().username(),
                "RESUME:SUSPENDED>ACTIVE:" + fixture.institutionAdmin().username(),
                "END:ACTIVE>ENDED:" + fixture.institutionAdmin().username());
        assertThat(history.json().get(2).path("reason").asString()).isEqualTo("投诉核查中");
    }

    @Test
    void aDraftIsDeclinedByTheAgencyOrWithdrawnByTheInstitution() {
        UUID declined = fixture.proposed();
        Response declining = fixture.act(declined, "decline", fixture.agencyAdmin(), "佣金过低");
        assertThat(declining.status()).as(declining.raw()).isEqualTo(200);
        assertThat(declining.json().path("status").asString()).isEqualTo("ENDED");
        assertThat(auditActions(declined)).containsExactly("contract.proposed", "contract.declined");

        UUID withdrawn = fixture.proposed();
        assertThat(fixture.act(withdrawn, "end", fixture.institutionAdmin(), "条款有误").json().path("status").asString())
                .isEqualTo("ENDED");
    }

    @Test
    void everyStepTheTableDoesNotAllowIsA409NamingFromAndTo() {
        for (String status : List.of("DRAFT", "ACTIVE", "SUSPENDED", "ENDED")) {
            UUID id = fixture.inStatus(status);
            for (String action : ACTIONS) {
                if (STARTS_FROM.get(action).contains(status)) {
                    continue;
                }
                Login side = action.equals("accept") || action.equals("decline") ? fixture.agencyAdmin()
                        : fixture.institutionAdmin();
                Response refused = fixture.act(id, action, side, "原因");
                assertThat(refused.status()).as(status + " " + action + ": " + refused.raw()).isEqualTo(409);
                assertThat(refused.code()).isEqualTo("contract.transition");
                assertThat(refused.json().path("from").asString()).isEqualTo(status);
                assertThat(refused.json().path("to").asString()).isEqualTo(LEADS_TO.get(action));
                assertThat(refused.json().path("action").asString()).isEqualTo(action.toUpperCase(java.util.Locale.ROOT));
                assertThat(refused.json().path("detail").asString()).contains(status, LEADS_TO.get(action));
            }
            assertThat(status(id, fixture.institutionAdmin())).as("unchanged").isEqualTo(status);
        }
    }

    @Test
    void decliningSuspendingAndEndingNeedAReason() {
        UUID draft = fixture.proposed();
        Response noReason = fixture.act(draft, "decline", fixture.agencyAdmin(), null);
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.fieldErrors()).containsExactly("reason:required");
        assertThat(fixture.act(draft, "end", fixture.institutionAdmin(), " ").fieldErrors())
                .containsExactly("reason:required");
        assertThat(fixture.act(draft, "accept", fixture.agencyAdmin(), "x".repeat(501)).fieldErrors())
                .containsExactly("reason:too_long");
        assertThat(status(draft, fixture.agencyAdmin())).isEqualTo("DRAFT");

        // Accepting needs none, and a body is optional altogether.
        Response bare = fixture.registry.send("POST", "/api/v1/contracts/" + draft + "/accept", null, null,
                fixture.agencyAdmin());
        assertThat(bare.status()).as(bare.raw()).isEqualTo(200);
        Response suspend = fixture.act(draft, "suspend", fixture.institutionAdmin(), null);
        assertThat(suspend.fieldErrors()).containsExactly("reason:required");
    }

    @Test
    void eachSideListsItsContractsFilteredByStatus() {
        UUID draft = fixture.inStatus("DRAFT");
        UUID active = fixture.inStatus("ACTIVE");
        UUID ended = fixture.inStatus("ENDED");

        assertThat(ids("/api/v1/contracts", fixture.institutionAdmin())).containsExactlyInAnyOrder(ended, active, draft);
        assertThat(ids("/api/v1/contracts", fixture.agencyAdmin())).containsExactlyInAnyOrder(ended, active, draft);
        assertThat(ids("/api/v1/contracts?status=ACTIVE", fixture.agencyAdmin())).containsExactly(active);
        assertThat(ids("/api/v1/contracts?status=DRAFT", fixture.institutionAdmin())).containsExactly(draft);
        assertThat(ids("/api/v1/contracts?status=SUSPENDED", fixture.institutionAdmin())).isEmpty();
        Response wrong = fixture.get("/api/v1/contracts?status=SIGNED", fixture.institutionAdmin());
        assertThat(wrong.status()).isEqualTo(400);
    }

    @Test
    void allocationReadsTheInstitutionsActiveContracts() {
        UUID draft = fixture.inStatus("DRAFT");
        UUID active = fixture.inStatus("ACTIVE");
        fixture.inStatus("SUSPENDED");

        List<Contract> found = contracts.activeFor(new OrganisationId(fixture.institution.id()));

        assertThat(found).extracting(contract -> contract.id().value()).containsExactly(active);
        Contract contract = found.get(0);
        assertThat(contract.agency().value()).isEqualTo(fixture.agency.id());
        assertThat(contract.rateFor("M2")).contains(Rate.parse("0.12"));
        assertThat(contract.rateFor("M3")).isEmpty();
        assertThat(contract.scope().covers("现金贷", "M1", "广东省")).isTrue();
        assertThat(contract.scope().covers("现金贷", "M3", "广东省")).isFalse();
        assertThat(contract.inForceOn(LocalDate.of(2026, 6, 1))).isTrue();
        assertThat(contract.inForceOn(LocalDate.of(2027, 1, 1))).isFalse();
        assertThat(contracts.find(new ContractId(draft))).hasValueSatisfying(
                c -> assertThat(c.status()).isEqualTo(ContractStatus.DRAFT));
        assertThat(contracts.find(ContractId.newId())).isEmpty();
        assertThat(contracts.activeFor(new OrganisationId(fixture.agency.id()))).isEmpty();
    }

    private String status(UUID id, Login login) {
        Response response = fixture.get("/api/v1/contracts/" + id, login);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json().path("status").asString();
    }

    private List<UUID> ids(String path, Login login) {
        Response response = fixture.get(path, login);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        List<UUID> ids = new ArrayList<>();
        response.json().forEach(item -> ids.add(UUID.fromString(item.path("id").asString())));
        return ids;
    }

    private List<String> auditActions(UUID contract) {
        return jdbc.sql("select action from audit.audit_event where subject = :subject order by id")
                .param("subject", "contract/" + contract).query(String.class).list();
    }
}
