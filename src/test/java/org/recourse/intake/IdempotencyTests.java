package org.recourse.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.intake.IntakeApiFixtures.asJson;
import static org.recourse.intake.IntakeApiFixtures.csv;
import static org.recourse.intake.IntakeApiFixtures.json;
import static org.recourse.intake.IntakeApiFixtures.validRows;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

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
 * An institution's system that retries a request with the same {@code Idempotency-Key} gets the same batch and
 * loads nothing twice, however the retries arrive; a key used again for other content is refused.
 */
@RecourseTest
class IdempotencyTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private IntakeApiFixtures intake;
    private Registration institution;
    private Login admin;
    private SampleAccounts sample;

    @BeforeEach
    void anInstitutionOfItsOwn() {
        intake = new IntakeApiFixtures(port, jdbc);
        institution = intake.institution();
        admin = institution.admin();
        sample = intake.sample(11);
    }

    @Test
    void answersARepeatedUploadWithTheSameBatchAndLoadsItOnce() {
        byte[] file = csv(validRows(sample, 1, 40));
        String key = RegistryApiFixtures.unique("upload");

        Answer first = intake.upload(admin, "accounts.csv", file, key);
        JsonNode finished = intake.awaitBatch(admin, first.batchId());
        Answer again = intake.upload(admin, "accounts.csv", file, key);

        assertThat(first.status()).as(first.raw()).isEqualTo(202);
        assertThat(first.replayed()).isFalse();
        assertThat(again.status()).as(again.raw()).isEqualTo(202);
        assertThat(again.replayed()).isTrue();
        assertThat(again.batchId()).isEqualTo(first.batchId());
        assertThat(again.json().path("status").asString()).isEqualTo("COMPLETED");
        assertThat(finished.path("createdAccounts").asLong()).isEqualTo(40);
        assertThat(intake.batchIds(admin)).containsExactly(first.batchId());
        assertThat(intake.accounts(institution.id())).isEqualTo(40);
    }

    @Test
    void refusesTheSameKeyWithOtherContent() {
        String key = RegistryApiFixtures.unique("upload");
        Answer first = intake.upload(admin, "accounts.csv", csv(validRows(sample, 1, 5)), key);
        intake.awaitBatch(admin, first.batchId());

        Answer other = intake.upload(admin, "accounts.csv", csv(validRows(sample, 1, 6)), key);

        assertThat(other.status()).as(other.raw()).isEqualTo(422);
        assertThat(other.code()).isEqualTo("intake.idempotency_key_reused");
        assertThat(intake.batchIds(admin)).containsExactly(first.batchId());
        assertThat(intake.accounts(institution.id())).isEqualTo(5);
    }

    @Test
    void keepsTheKeysOfDifferentInstitutionsApart() {
        Registration other = intake.institution();
        byte[] file = csv(validRows(sample, 1, 8));
        String key = RegistryApiFixtures.unique("shared-key");

        Answer ours = intake.upload(admin, "accounts.csv", file, key);
        Answer theirs = intake.upload(other.admin(), "accounts.csv", file, key);
        intake.awaitBatch(admin, ours.batchId());
        intake.awaitBatch(other.admin(), theirs.batchId());

        assertThat(ours.status()).isEqualTo(202);
        assertThat(theirs.status()).isEqualTo(202);
        assertThat(theirs.replayed()).isFalse();
        assertThat(theirs.batchId()).isNotEqualTo(ours.batchId());
        assertThat(intake.accounts(institution.id())).isEqualTo(8);
        assertThat(intake.accounts(other.id())).isEqualTo(8);
    }

    @Test
    void answersARepeatedJsonPostWithTheSameBatch() {
        String accounts = json(asJson(validRows(sample, 1, 12)));
        String key = RegistryApiFixtures.unique("json");

        Answer first = intake.postAccounts(admin, accounts, key);
        intake.awaitBatch(admin, first.batchId());
        Answer again = intake.postAccounts(admin, accounts, key);
        Answer changed = intake.postAccounts(admin, json(asJson(validRows(sample, 1, 13))), key);

        assertThat(first.status()).as(first.raw()).isEqualTo(202);
        assertThat(again.status()).as(again.raw()).isEqualTo(202);
        assertThat(again.replayed()).isTrue();
        assertThat(again.batchId()).isEqualTo(first.batchId());
        assertThat(changed.status()).as(changed.raw()).isEqualTo(422);
        assertThat(changed.code()).isEqualTo("intake.idempotency_key_reused");
        assertThat(intake.accounts(institution.id())).isEqualTo(12);
    }

    @Test
    void makesOneBatchOfEightConcurrentRequestsWithTheSameKey() throws Exception {
        byte[] file = csv(validRows(sample, 1, 60));
        String key = RegistryApiFixtures.unique("race");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Answer>> answers = IntStream.range(0, 8)
                    .mapToObj(i -> clients.submit((Callable<Answer>) () -> {
                        start.await();
                        return intake.upload(admin, "accounts.csv", file, key);
                    }))
                    .toList();
            start.countDown();
            List<Answer> results = new java.util.ArrayList<>();
            for (Future<Answer> answer : answers) {
                results.add(answer.get(30, TimeUnit.SECONDS));
            }

            assertThat(results).allSatisfy(answer -> assertThat(answer.status()).as(answer.raw()).isEqualTo(202));
            List<UUID> batches = results.stream().map(Answer::batchId).distinct().toList();
            assertThat(batches).hasSize(1);
            assertThat(results.stream().filter(answer -> !answer.replayed())).hasSize(1);
            JsonNode batch = intake.awaitBatch(admin, batches.get(0));
            assertThat(batch.path("status").asString()).as(batch.toString()).isEqualTo("COMPLETED");
            assertThat(batch.path("createdAccounts").asLong()).isEqualTo(60);
            assertThat(intake.batchIds(admin)).containsExactly(batches.get(0));
            assertThat(intake.accounts(institution.id())).isEqualTo(60);
        } finally {
            clients.shutdownNow();
        }
    }
}
