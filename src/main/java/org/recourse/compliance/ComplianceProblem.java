package org.recourse.compliance;

import java.util.List;

import org.recourse.shared.Problem;

/** Why a request to the compliance engine was refused; each with a stable code. */
public final class ComplianceProblem extends Problem {

    private ComplianceProblem(Kind kind, String code, List<FieldError> fields, Object... arguments) {
        super(kind, code, fields, arguments);
    }

    static ComplianceProblem invalid(List<FieldError> fields) {
        return new ComplianceProblem(Kind.INVALID, "validation_failed", fields);
    }

    /** Malformed fields make a 400 {@code validation_failed}; well-formed ones the rules refuse a 422 under the first. */
    static ComplianceProblem complaintRefused(List<FieldError> fields) {
        Refusal refusal = refusal(fields, "complaint.");
        return new ComplianceProblem(refusal.kind(), refusal.code(), fields);
    }

    static ComplianceProblem complaintCaseNotFound() {
        return new ComplianceProblem(Kind.NOT_FOUND, "complaint.case_not_found", List.of());
    }

    static ComplianceProblem complaintNotFound() {
        return new ComplianceProblem(Kind.NOT_FOUND, "complaint.not_found", List.of());
    }

    static ComplianceProblem caseNotFound() {
        return new ComplianceProblem(Kind.NOT_FOUND, "compliance.case_not_found", List.of());
    }

    static ComplianceProblem decisionNotFound() {
        return new ComplianceProblem(Kind.NOT_FOUND, "compliance.decision_not_found", List.of());
    }

    static ComplianceProblem badCursor() {
        return new ComplianceProblem(Kind.INVALID, "compliance.cursor_invalid",
                List.of(new FieldError("cursor", "invalid")));
    }

    static ComplianceProblem unknownContactPoint() {
        return new ComplianceProblem(Kind.UNPROCESSABLE, "compliance.contact_point_unknown",
                List.of(new FieldError("contactPointId", "compliance.contact_point_unknown")));
    }

    static ComplianceProblem noLiveDecision() {
        return new ComplianceProblem(Kind.CONFLICT, "contact_attempt.no_live_decision", List.of());
    }

    static ComplianceProblem resultNotForChannel(AttemptResult result, String channel) {
        return new ComplianceProblem(Kind.UNPROCESSABLE, "contact_attempt.result_not_for_channel",
                List.of(new FieldError("result", "contact_attempt.result_not_for_channel")), result.name(), channel);
    }

    static ComplianceProblem policyRefused(List<FieldError> fields) {
        return new ComplianceProblem(Kind.UNPROCESSABLE, "compliance.policy_refused", fields);
    }

    static ComplianceProblem policyLooser(List<FieldError> fields, String parameters) {
        return new ComplianceProblem(Kind.UNPROCESSABLE, "compliance.policy_looser", fields, parameters);
    }

    static ComplianceProblem overlayChangedMeanwhile() {
        return new ComplianceProblem(Kind.CONFLICT, "compliance.policy_changed_meanwhile", List.of());
    }

    static ComplianceProblem numberTaken() {
        return new ComplianceProblem(Kind.CONFLICT, "compliance.outbound_number_taken", List.of());
    }

    static ComplianceProblem numberNotFound() {
        return new ComplianceProblem(Kind.NOT_FOUND, "compliance.outbound_number_not_found", List.of());
    }
}
