package org.recourse.strategy;

import java.util.List;
import java.util.Map;

import org.recourse.compliance.screening.ScreeningResult;
import org.recourse.shared.Problem;

/** Why a request about templates or strategies was refused; each with a stable code. */
public final class StrategyProblem extends Problem {

    /** Field codes of these prefixes are refusals by the rules (422); any other code is a malformed field (400). */
    private static final String STRATEGY_RULE = "strategy.";
    private static final String TEMPLATE_RULE = "template.";

    private final Map<String, Object> properties;

    private StrategyProblem(Kind kind, String code, List<FieldError> fields, Map<String, Object> properties) {
        super(kind, code, fields);
        this.properties = Map.copyOf(properties);
    }

    private StrategyProblem(Kind kind, String code) {
        this(kind, code, List.of(), Map.of());
    }

    static StrategyProblem refused(List<FieldError> fields) {
        Refusal refusal = refusal(fields, STRATEGY_RULE);
        return new StrategyProblem(refusal.kind(), refusal.code(), fields, Map.of());
    }

    static StrategyProblem templateRefused(List<FieldError> fields) {
        Refusal refusal = refusal(fields, TEMPLATE_RULE);
        return new StrategyProblem(refusal.kind(), refusal.code(), fields, Map.of());
    }

    /** Screening found language that blocks the template; the findings say where and why. */
    static StrategyProblem templateBlocked(ScreeningResult result) {
        return new StrategyProblem(Kind.UNPROCESSABLE, "template.blocked",
                List.of(new FieldError("text", "template.blocked")),
                Map.of("outcome", result.outcome().name(), "findings", result.findings(),
                        "termsVersion", result.termsVersion()));
    }

    static StrategyProblem templateNameTaken() {
        return new StrategyProblem(Kind.CONFLICT, "template.name_taken", List.of(new FieldError("name", "template.name_taken")),
                Map.of());
    }

    static StrategyProblem notFound() {
        return new StrategyProblem(Kind.NOT_FOUND, "strategy.not_found");
    }

    static StrategyProblem changedMeanwhile() {
        return new StrategyProblem(Kind.CONFLICT, "strategy.changed_meanwhile");
    }

    @Override
    public Map<String, Object> properties() {
        return properties;
    }
}
