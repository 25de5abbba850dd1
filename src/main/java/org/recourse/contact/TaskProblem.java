package org.recourse.contact;

import java.util.List;

import org.recourse.shared.Problem;

/** Why a request about contact tasks was refused; each with a stable code. */
public final class TaskProblem extends Problem {

    private static final String RULE = "task.";

    private TaskProblem(Kind kind, String code, List<FieldError> fields) {
        super(kind, code, fields);
    }

    static TaskProblem invalid(List<FieldError> fields) {
        Refusal refusal = refusal(fields, RULE);
        return new TaskProblem(refusal.kind(), refusal.code(), fields);
    }

    /** Not a task the caller may see (another tenant's, a case no longer held): 404. */
    static TaskProblem notFound() {
        return new TaskProblem(Kind.NOT_FOUND, "task.not_found", List.of());
    }

    /** A queue task (internal queue, legal review) is work, not a contact: no decision to ask. */
    static TaskProblem notAContact() {
        return new TaskProblem(Kind.CONFLICT, "task.not_a_contact", List.of());
    }

    /** A contact task is done only by the attempt recorded under its ALLOW, never closed by hand. */
    static TaskProblem notAQueueTask() {
        return new TaskProblem(Kind.CONFLICT, "task.not_a_queue_task", List.of());
    }

    static TaskProblem done() {
        return new TaskProblem(Kind.CONFLICT, "task.done", List.of());
    }

    /** The institution sees its agencies' tasks but works only its own queue; an agency only its own tasks. */
    static TaskProblem notHolder() {
        return new TaskProblem(Kind.CONFLICT, "task.not_holder", List.of());
    }
}
