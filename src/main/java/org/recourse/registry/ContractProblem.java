package org.recourse.registry;

import java.util.List;
import java.util.Map;

import org.recourse.shared.Problem;

/** Why a request about an entrustment contract was refused; each with a stable code. */
public final class ContractProblem extends Problem {

    /** Field codes of this prefix are refusals by the contract's rules (422); any other code is a malformed field. */
    static final String RULE = "contract.";

    private final Map<String, Object> properties;

    private ContractProblem(Kind kind, String code, List<FieldError> fields, Map<String, Object> properties,
                            Object... arguments) {
        super(kind, code, fields, arguments);
        this.properties = Map.copyOf(properties);
    }

    private ContractProblem(Kind kind, String code, List<FieldError> fields, Object... arguments) {
        this(kind, code, fields, Map.of(), arguments);
    }

    /**
     * A refused proposal or reason. Any malformed field (missing, not a number, not a date …) makes it a 400
     * {@code validation_failed}; a well-formed request the rules refuse is a 422 with the code of its first
     * refusal. Either way {@code errors} lists every field that is wrong, in the order of the form.
     */
    static ContractProblem refused(List<FieldError> fields) {
        Refusal refusal = refusal(fields, RULE);
        return new ContractProblem(refusal.kind(), refusal.code(), fields);
    }

    static ContractProblem notFound() {
        return new ContractProblem(Kind.NOT_FOUND, "contract.not_found", List.of());
    }

    static ContractProblem transition(ContractStatus from, ContractAction action) {
        return new ContractProblem(Kind.CONFLICT, "contract.transition", List.of(),
                Map.of("from", from.name(), "to", action.target().name(), "action", action.name()),
                from.name(), action.target().name(), action.name());
    }

    static ContractProblem changedMeanwhile() {
        return new ContractProblem(Kind.CONFLICT, "contract.changed_meanwhile", List.of());
    }

    /** For a refused transition: the status the contract is in, the one the action leads to, and the action. */
    @Override
    public Map<String, Object> properties() {
        return properties;
    }
}
