package org.recourse.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.intake.IntakeApiFixtures.column;
import static org.recourse.intake.IntakeApiFixtures.csv;
import static org.recourse.intake.IntakeApiFixtures.validRows;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.strategy.StrategyNight;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * How long the night's contact plan takes for one institution of N cases (default 100,000; {@code -Dcases=}), each
 * with four steps due: a call, a text, a letter and a queue step. Not part of the suite (not a *Tests class); run
 * with {@code -Dtest=ContactPlanVolumeCheck}. Prints the first night's and a repeated night's time.
 */
@RecourseTest
class ContactPlanVolumeCheck {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    private ContactFixture fixture;

    @AfterEach
    void releaseTheClock() {
        fixture.registry.releaseClock();
    }

    @Test
    void plansAnInstitutionsDay() {
        int n = Integer.getInteger("cases", 100_000);
        fixture = new ContactFixture(port, jdbc, context);
        LocalDate today = fixture.today;
        List<List<String>> rows = validRows(fixture.intake.sample(11), 1, n);
        for (List<String> row : rows) {
            row.set(column("due_date"), today.minusDays(10).toString());
            row.set(column("loan_date"), today.minusDays(200).toString());
        }
        long started = System.nanoTime();
        JsonNode batch = fixture.intake.load(fixture.admin(), "volume.csv", csv(rows));
        assertThat(batch.path("status").asString()).as(batch.toString()).isEqualTo("COMPLETED");
        System.out.printf("VOLUME load %d cases: %d ms%n", n, (System.nanoTime() - started) / 1_000_000);
        var sms = fixture.template("到期提醒", "SMS");
        var letter = fixture.template("催收函", "LETTER");
        started = System.nanoTime();
        fixture.strategy(List.of(ContactFixture.step(0, "VOICE", null), ContactFixture.step(0, "SMS", sms),
                ContactFixture.step(0, "LETTER", letter), ContactFixture.step(0, "INTERNAL_QUEUE", null)), null);
        System.out.printf("VOLUME strategy step: %d ms%n", (System.nanoTime() - started) / 1_000_000);

        started = System.nanoTime();
        ContactPlanStep.Plan first = fixture.plan(today);
        long firstMs = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        ContactPlanStep.Plan again = fixture.plan(today);
        long againMs = (System.nanoTime() - started) / 1_000_000;

        System.out.printf("VOLUME contact plan of %d cases: first %s in %d ms; again %s in %d ms%n", n, first, firstMs,
                again, againMs);
        assertThat(first.planned()).isEqualTo(4L * n);
        assertThat(again.planned()).isZero();
    }
}
