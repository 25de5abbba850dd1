package org.recourse.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.registry.RegistryApiFixtures;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.SignInGuard;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;

/**
 * The demo's work on top of its two organisations: a contract the agency accepted and a strategy active from today,
 * so that the first nights place cases with the agency and plan tasks. (The demo as a whole runs only on an empty
 * platform, which the shared test database never is; this runs its part for two fresh organisations.)
 */
@RecourseTest
class DemoDataTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DemoData demo;

    @Autowired
    SignInGuard signIn;

    @AfterEach
    void forgetWhoActed() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theDemoHasAnActiveContractAndAnActiveStrategy() {
        RegistryApiFixtures registry = new RegistryApiFixtures(port);
        Registration institution = registry.registerApproved("INSTITUTION");
        Registration agency = registry.registerApproved("AGENCY");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

        demo.contractAndStrategy(signIn.loadUserByUsername(institution.admin().username()),
                signIn.loadUserByUsername(agency.admin().username()), today);

        JsonNode contracts = registry.get("/api/v1/contracts", institution.admin()).json();
        assertThat(contracts).as(contracts.toString()).hasSize(1);
        assertThat(contracts.get(0).path("status").asString()).isEqualTo("ACTIVE");
        assertThat(contracts.get(0).path("agency").path("id").asString()).isEqualTo(agency.id().toString());
        JsonNode strategies = registry.get("/api/v1/strategies", institution.admin()).json();
        assertThat(strategies).as(strategies.toString()).hasSize(1);
        assertThat(strategies.get(0).path("activeVersion").asInt()).isEqualTo(1);
    }
}
