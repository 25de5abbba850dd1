package org.recourse.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A contract is seen and changed only by its two parties: another institution, another agency and the platform
 * operator get "not found" (404) for its id, never "forbidden", which would confirm that it exists. Within a
 * party, the wrong role is forbidden (403).
 */
@RecourseTest
class ContractTenancyApiTests {

    private static final List<String> ACTIONS = List.of("accept", "decline", "suspend", "resume", "end");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ContractFixtures fixture;
    private ContractFixtures strangers;

    @BeforeEach
    void twoPairsOfParties() {
        fixture = new ContractFixtures(port);
        strangers = new ContractFixtures(port);
    }

    @Test
    void anotherInstitutionAnotherAgencyAndThePlatformFindNoSuchContract() {
        UUID draft = fixture.inStatus("DRAFT");
        UUID active = fixture.inStatus("ACTIVE");
        UUID suspended = fixture.inStatus("SUSPENDED");

        for (Login outsider : List.of(strangers.institutionAdmin(), strangers.agencyAdmin(), RegistryApiFixtures.PLATFORM_ADMIN)) {
            for (UUID id : List.of(draft, active, suspended)) {
                assertNotFound(fixture.get("/api/v1/contracts/" + id, outsider));
                assertNotFound(fixture.get("/api/v1/contracts/" + id + "/history", outsider));
            }
            assertThat(fixture.get("/api/v1/contracts", outsider).json()).as(outsider.username()).isEmpty();
        }
        // The other side's administrators may try every step they are allowed in general: still not found.
        assertNotFound(fixture.act(draft, "accept", strangers.agencyAdmin(), null));
        assertNotFound(fixture.act(draft, "decline", strangers.agencyAdmin(), "不要"));
        assertNotFound(fixture.act(active, "suspend", strangers.institutionAdmin(), "接管"));
        assertNotFound(fixture.act(suspended, "resume", strangers.institutionAdmin(), null));
        assertNotFound(fixture.act(active, "end", strangers.institutionAdmin(), "接管"));
        // An id that names nothing reads the same as one of another tenant.
        assertNotFound(fixture.get("/api/v1/contracts/" + UUID.randomUUID(), fixture.institutionAdmin()));

        assertThat(status(draft)).isEqualTo("DRAFT");
        assertThat(status(active)).isEqualTo("ACTIVE");
        assertThat(status(suspended)).isEqualTo("SUSPENDED");
    }

    @Test
    void anInstitutionProposesOnlyInItsOwnNameAndOnlyItsAdministrator() {
        Login operator = fixture.registry.createUser(fixture.institutionAdmin(), "INSTITUTION_OPERATOR").login();
        Login officer = fixture.registry.createUser(fixture.institutionAdmin(), "COMPLIANCE_OFFICER").login();

        assertForbidden(fixture.registry.post("/api/v1/contracts", fixture.request(), operator));
        assertForbidden(fixture.registry.post("/api/v1/contracts", fixture.request(), officer));
        assertForbidden(fixture.registry.post("/api/v1/contracts", fixture.request(), fixture.agencyAdmin()));
        assertForbidden(fixture.registry.post("/api/v1/contracts", fixture.request(), RegistryApiFixtures.PLATFORM_ADMIN));
        assertThat(fixture.registry.post("/api/v1/contracts", fixture.request(), null).status()).isEqualTo(401);

        // The institution is always the proposer's own, whatever the body says.
        Map<String, Object> request = fixture.request();
        request.put("institutionId", strangers.institution.id().toString());
        Response created = fixture.propose(request);
        assertThat(created.json().path("institution").path("id").asString()).isEqualTo(fixture.institution.id().toString());
        assertThat(strangers.get("/api/v1/contracts", strangers.institutionAdmin()).json()).isEmpty();
    }

    @Test
    void eachSideTakesOnlyItsOwnStepsAndOnlyItsAdministrator() {
        UUID draft = fixture.inStatus("DRAFT");
        UUID active = fixture.inStatus("ACTIVE");
        Login operator = fixture.registry.createUser(fixture.institutionAdmin(), "INSTITUTION_OPERATOR").login();
        Login collector = fixture.registry.createUser(fixture.agencyAdmin(), "COLLECTOR").login();
        Login agencyOfficer = fixture.registry.createUser(fixture.agencyAdmin(), "COMPLIANCE_OFFICER").login();

        // The institution does not accept or decline for the agency, nor the agency suspend, resume or end.
        assertForbidden(fixture.act(draft, "accept", fixture.institutionAdmin(), null));
        assertForbidden(fixture.act(draft, "decline", fixture.institutionAdmin(), "不要"));
        assertForbidden(fixture.act(active, "suspend", fixture.agencyAdmin(), "暂停"));
        assertForbidden(fixture.act(active, "resume", fixture.agencyAdmin(), null));
        assertForbidden(fixture.act(active, "end", fixture.agencyAdmin(), "终止"));
        for (Login notAdministrator : List.of(operator, collector, agencyOfficer)) {
            for (String action : ACTIONS) {
                assertForbidden(fixture.act(draft, action, notAdministrator, "原因"));
            }
        }
        // Operators and compliance officers read; collectors do not see the terms.
        assertThat(fixture.get("/api/v1/contracts/" + active, operator).status()).isEqualTo(200);
        assertThat(fixture.get("/api/v1/contracts/" + active, agencyOfficer).status()).isEqualTo(200);
        assertForbidden(fixture.get("/api/v1/contracts/" + active, collector));
        assertForbidden(fixture.get("/api/v1/contracts", collector));

        assertThat(status(draft)).isEqualTo("DRAFT");
        assertThat(status(active)).isEqualTo("ACTIVE");
    }

    @Test
    void aContractWithAnotherAgencyIsNotTheFirstAgencysBusiness() {
        Registration secondAgency = fixture.registry.registerApproved("AGENCY");
        Response created = fixture.propose(ContractFixtures.request(secondAgency.id()));
        UUID other = UUID.fromString(created.json().path("id").asString());

        assertNotFound(fixture.get("/api/v1/contracts/" + other, fixture.agencyAdmin()));
        assertNotFound(fixture.act(other, "accept", fixture.agencyAdmin(), null));
        assertThat(fixture.get("/api/v1/contracts", fixture.agencyAdmin()).json()).isEmpty();
        assertThat(fixture.act(other, "accept", secondAgency.admin(), null).status()).isEqualTo(200);
    }

    private String status(UUID id) {
        return fixture.get("/api/v1/contracts/" + id, fixture.institutionAdmin()).json().path("status").asString();
    }

    private static void assertNotFound(Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("contract.not_found");
    }

    private static void assertForbidden(Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("forbidden");
    }
}
