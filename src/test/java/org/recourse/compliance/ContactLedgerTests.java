package org.recourse.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.cases.CaseViews.ContactOwner;
import org.recourse.cases.ContactTargets.ContactTarget;
import org.recourse.compliance.ContactLedger.DecisionReading;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger's two reads: the decision's batch (the borrower's lock with the context, the case, the ledger) and the
 * ledger read again under the lock (when a changed policy counts the day in another zone) see the same day alike.
 */
@RecourseTest
class ContactLedgerTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ContactLedger ledger;

    @Autowired
    TransactionTemplate transactions;

    private ComplianceFixture fixture;

    @AfterEach
    void releaseTheClock() {
        if (fixture != null) {
            fixture.registry.releaseClock();
        }
    }

    @Test
    void readsTheSameLedgerInTheDecisionsBatchAndAgainUnderTheLock() {
        fixture = new ComplianceFixture(port, jdbc);
        Instant now = fixture.at(LocalTime.of(10, 0));
        UUID caseId = fixture.cases.get(0);
        UUID mobile = fixture.mobile(caseId);
        // A call made (an attempt of the day), a text allowed and not yet sent (a live reservation), then a call that
        // found the number wrong (an attempt, and the point's state).
        fixture.call(fixture.admin, caseId, mobile, "NO_ANSWER");
        assertThat(fixture.decide(fixture.admin, caseId, mobile, "SMS", "COLLECT").json().path("outcome").asString())
                .isEqualTo("ALLOW");
        fixture.call(fixture.admin, caseId, mobile, "WRONG_NUMBER");
        // The institution's own admin asks: the acting organisation is the institution.
        UUID institution = fixture.institution.id();
        LocalDate day = LocalDate.now(ComplianceFixture.SHANGHAI);

        transactions.executeWithoutResult(status -> {
            DecisionReading batch = ledger.lockAndRead(institution, caseId, mobile, day, now, institution, null);
            ContactTarget target = batch.target().orElseThrow();
            DecisionReading again = ledger.reread(institution, target, day, now, institution, null);

            assertThat(batch.today()).hasSize(3).extracting(LedgerFacts.Entry::channel).extracting(Enum::name)
                    .containsExactlyInAnyOrder("VOICE", "VOICE", "SMS");
            assertThat(again.today()).containsExactlyInAnyOrderElementsOf(batch.today());
            assertThat(again.overlayVersion()).isEqualTo(batch.overlayVersion());
            assertThat(again.numberRegistered()).isFalse().isEqualTo(batch.numberRegistered());
            LedgerFacts facts = ledger.facts(institution, batch, target, mobile, ContactOwner.BORROWER, day);
            assertThat(facts.pointInvalid()).isTrue();
            assertThat(ledger.facts(institution, again, target, mobile, ContactOwner.BORROWER, day)).isEqualTo(facts);
        });
    }
}
