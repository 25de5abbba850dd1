package org.recourse.allocation;

import java.util.List;

import org.recourse.shared.Problem;

/** Why a request about placements was refused as a whole; each with a stable code. */
public final class PlacementProblem extends Problem {

    /** Field codes of this prefix are refusals by the rules (422); any other code is a malformed field (400). */
    private static final String RULE = "placement.";

    private PlacementProblem(Kind kind, String code, List<FieldError> fields) {
        super(kind, code, fields);
    }

    private PlacementProblem(Kind kind, String code) {
        this(kind, code, List.of());
    }

    /** Malformed fields make a 400 {@code validation_failed}; well-formed ones the rules refuse a 422 under the first. */
    static PlacementProblem refused(List<FieldError> fields) {
        Refusal refusal = refusal(fields, RULE);
        return new PlacementProblem(refusal.kind(), refusal.code(), fields);
    }

    static PlacementProblem contractNotFound() {
        return new PlacementProblem(Kind.NOT_FOUND, "placement.contract_not_found");
    }

    /** The contract is not ACTIVE, or today lies outside its period; nothing is placed. */
    static PlacementProblem contractNotActive() {
        return new PlacementProblem(Kind.UNPROCESSABLE, "placement.contract_not_active");
    }

    /** Several contracts with the agency are in force: the request must name one. */
    static PlacementProblem contractAmbiguous() {
        return new PlacementProblem(Kind.UNPROCESSABLE, "placement.contract_ambiguous");
    }

    static PlacementProblem agencyMismatch() {
        return new PlacementProblem(Kind.UNPROCESSABLE, "placement.agency_mismatch");
    }

    static PlacementProblem caseNotFound() {
        return new PlacementProblem(Kind.NOT_FOUND, "placement.case_not_found");
    }

    static PlacementProblem notPlaced() {
        return new PlacementProblem(Kind.CONFLICT, "placement.not_placed");
    }

    static PlacementProblem notFound() {
        return new PlacementProblem(Kind.NOT_FOUND, "placement.not_found");
    }

    static PlacementProblem noticeAlreadySent() {
        return new PlacementProblem(Kind.CONFLICT, "placement.notice_already_sent");
    }

    static PlacementProblem badCursor() {
        return new PlacementProblem(Kind.INVALID, "placement.cursor_invalid",
                List.of(new FieldError("cursor", "invalid")));
    }
}
