package org.recourse.contact;

import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.recourse.compliance.OutboundAttemptRecorded;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Completes a task when an attempt is recorded against an ALLOW asked for it — in the transaction that records the
 * attempt, so the attempt and the task's completion commit together. The only writer of a task's {@code DONE}:
 * a task cannot be completed without a decision and an attempt under it.
 */
@Component
class TaskCompletion {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    TaskCompletion(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @EventListener
    void on(OutboundAttemptRecorded attempt) {
        List<UUID> completed = jdbc.sql("""
                update contact.task t
                   set status = 'DONE', attempt_id = :attempt, attempt_result = :result, completed_at = :at
                  from contact.task_decision d
                 where d.decision_id = :decision and d.institution_id = :institution and d.outcome = 'ALLOW'
                   and t.id = d.task_id and t.status = 'OPEN'
                returning t.id
                """)
                .param("attempt", attempt.attemptId()).param("result", attempt.result().name())
                .param("at", attempt.at().atOffset(ZoneOffset.UTC)).param("decision", attempt.decisionId())
                .param("institution", attempt.institution()).query(UUID.class).list();
        for (UUID task : completed) {
            events.publishEvent(new ContactEvent.TaskCompleted(attempt.institution(), task, attempt.decisionId(),
                    attempt.attemptId(), attempt.result().name()));
        }
    }
}
