package org.recourse.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.intake.IntakeApiFixtures.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.intake.IntakeApiFixtures.Answer;
import org.recourse.registry.RegistryApiFixtures;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * An institution's batches, errors and rejected rows are its own: another institution gets 404 whatever id it
 * tries, through the API or the pages; agencies and the platform operator may not use intake at all; and the
 * accounts of a file are stored under the sending institution only.
 */
@RecourseTest
class IntakeTenancyTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private IntakeApiFixtures intake;
    private Registration institutionA;
    private UUID batchOfA;

    @BeforeEach
    void institutionAHasABatchWithRejectedRows() {
        intake = new IntakeApiFixtures(port, jdbc);
        institutionA = intake.institution();
        SampleAccounts sample = intake.sample(23);
        List<List<String>> rows = new ArrayList<>();
        for (long index = 1; index <= 20; index++) {
            rows.add(sample.row(index, sample.badRowAt(index, 0.25)));
        }
        JsonNode batch = intake.load(institutionA.admin(), "a.csv", csv(rows));
        assertThat(batch.path("rejectedRows").asLong()).as(batch.toString()).isEqualTo(5);
        batchOfA = UUID.fromString(batch.path("batchId").asString());
    }

    @Test
    void hidesABatchFromAnotherInstitutionsApi() {
        Registration institutionB = intake.institution();
        Login operatorOfB = intake.registry().createUser(institutionB.admin(), "INSTITUTION_OPERATOR").login();

        for (Login outsider : List.of(institutionB.admin(), operatorOfB)) {
            Answer batch = intake.batch(outsider, batchOfA);
            Answer errors = intake.errors(outsider, batchOfA, "en");

            assertThat(batch.status()).as(batch.raw()).isEqualTo(404);
            assertThat(batch.code()).isEqualTo("intake.batch_not_found");
            assertThat(errors.status()).as(errors.raw()).isEqualTo(404);
            assertThat(errors.raw()).doesNotContain("row");
            assertThat(intake.batchIds(outsider)).doesNotContain(batchOfA);
        }
        assertThat(intake.batch(institutionA.admin(), batchOfA).status()).isEqualTo(200);
    }

    @Test
    void hidesABatchFromAnotherInstitutionsPages() {
        Registration institutionB = intake.institution();
        IntakePageSession pagesOfB = IntakePageSession.signedIn(port, institutionB.admin());

        for (String path : List.of("/intake/batches/" + batchOfA, "/intake/batches/" + batchOfA + "/progress",
                "/intake/batches/" + batchOfA + "/rejected.csv", "/intake/batches/" + batchOfA + "/rejected.xlsx")) {
            assertThat(pagesOfB.get(path).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(pagesOfB.text("/intake").body()).doesNotContain(batchOfA.toString());
        IntakePageSession pagesOfA = IntakePageSession.signedIn(port, institutionA.admin());
        assertThat(pagesOfA.get("/intake/batches/" + batchOfA + "/rejected.csv").statusCode()).isEqualTo(200);
        assertThat(pagesOfA.text("/intake").body()).contains(batchOfA.toString());
    }

    @Test
    void refusesIntakeToAgenciesAndThePlatformOperator() {
        Registration agency = intake.registry().registerApproved("AGENCY");
        Login collector = intake.registry().createUser(agency.admin(), "COLLECTOR").login();
        byte[] file = csv(IntakeApiFixtures.validRows(intake.sample(29), 1, 3));

        for (Login outsider : List.of(agency.admin(), collector, RegistryApiFixtures.PLATFORM_ADMIN)) {
            Answer upload = intake.upload(outsider, "accounts.csv", file, null);
            Answer json = intake.postAccounts(outsider, "[{\"accountRef\":\"LN1\"}]", null);
            Answer list = intake.get("/api/v1/intake/batches", outsider);
            Answer batch = intake.batch(outsider, batchOfA);
            Answer errors = intake.errors(outsider, batchOfA, "en");

            for (Answer answer : List.of(upload, json, list, batch, errors)) {
                assertThat(answer.status()).as(outsider.username() + " " + answer.raw()).isEqualTo(403);
            }
            IntakePageSession pages = IntakePageSession.signedIn(port, outsider);
            assertThat(pages.get("/intake").statusCode()).as(outsider.username()).isEqualTo(403);
            assertThat(pages.get("/intake/batches/" + batchOfA).statusCode()).isEqualTo(403);
        }
        assertThat(jdbc.sql("select count(*) from intake.batch where institution_id in (:ids)")
                .param("ids", List.of(agency.id())).query(Long.class).single()).isZero();
    }

    @Test
    void storesTheAccountsOfAFileUnderTheSendingInstitutionOnly() {
        List<UUID> owners = jdbc.sql("select distinct institution_id from cases.account where created_batch_id = :batch")
                .param("batch", batchOfA).query(UUID.class).list();
        List<UUID> borrowerOwners = jdbc.sql("""
                select distinct b.institution_id from cases.borrower b
                  join cases.account a on a.borrower_id = b.id where a.created_batch_id = :batch
                """).param("batch", batchOfA).query(UUID.class).list();

        assertThat(owners).containsExactly(institutionA.id());
        assertThat(borrowerOwners).containsExactly(institutionA.id());
        assertThat(intake.accounts(institutionA.id())).isEqualTo(15);
    }
}
