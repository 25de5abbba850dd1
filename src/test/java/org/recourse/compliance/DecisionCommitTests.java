package org.recourse.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.compliance.ComplianceDesk.DecisionRequest;
import org.recourse.registry.SignInGuard;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.ContactChannel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A decision asked for on its own commits in the round trip of its insert; one asked for inside a caller's
 * transaction (a task's decision) commits with the caller's work or not at all.
 */
@RecourseTest
class DecisionCommitTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ComplianceDesk desk;

    @Autowired
    SignInGuard signIn;

    @Autowired
    TransactionTemplate transactions;

    private ComplianceFixture fixture;
    private SignedInUser user;

    @BeforeEach
    void anInstitutionActingThroughItsAdministrator() {
        fixture = new ComplianceFixture(port, jdbc);
        user = signIn.loadUserByUsername(fixture.admin.username());
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    @AfterEach
    void signOutAndReleaseTheClock() {
        SecurityContextHolder.clearContext();
        fixture.registry.releaseClock();
    }

    @Test
    void aDecisionOnItsOwnIsCommittedWhenItIsAnswered() {
        fixture.at(LocalTime.of(10, 0));
        UUID caseId = fixture.cases.get(0);

        DecisionView decision = desk.decide(user, request(caseId), Locale.ROOT);

        assertThat(stored(decision.decisionId())).isEqualTo(1);
        // The connection went back to the pool outside any transaction: the next decision works as usual.
        DecisionView next = desk.decide(user, request(caseId), Locale.ROOT);
        assertThat(stored(next.decisionId())).isEqualTo(1);
    }

    @Test
    void aDecisionInsideACallersTransactionIsRolledBackWithIt() {
        fixture.at(LocalTime.of(10, 0));
        UUID caseId = fixture.cases.get(1);

        UUID decided = transactions.execute(status -> {
            DecisionView decision = desk.decide(user, request(caseId), Locale.ROOT);
            // Still the caller's transaction: the decision is visible to it, not yet committed.
            assertThat(stored(decision.decisionId())).isEqualTo(1);
            status.setRollbackOnly();
            return decision.decisionId();
        });

        assertThat(stored(decided)).isZero();
        // The policy's sources, first written by that decision, went with it; the next decision writes them again
        // (the instance had not counted them as stored), and it is explained with every rule's source.
        assertThat(policySources()).isZero();
        DecisionView next = desk.decide(user, request(caseId), Locale.ROOT);
        assertThat(policySources()).isEqualTo(1);
        assertThat(desk.explain(user, next.decisionId(), Locale.ROOT).rules())
                .allSatisfy(rule -> assertThat(rule.source()).isNotBlank());
    }

    private long policySources() {
        return jdbc.sql("select count(*) from compliance.policy_source where institution_id = :institution")
                .param("institution", user.organisationId()).query(Long.class).single();
    }

    private DecisionRequest request(UUID caseId) {
        return new DecisionRequest(caseId, fixture.mobile(caseId), ContactChannel.SMS, Purpose.COLLECT,
                ComplianceFixture.OUTBOUND, null);
    }

    private long stored(UUID decision) {
        return jdbc.sql("select count(*) from compliance.decision where id = :id").param("id", decision)
                .query(Long.class).single();
    }
}
