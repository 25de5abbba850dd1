package org.recourse.daily;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.recourse.shared.Problem;

/** Why a request about daily runs was refused. */
final class DailyRunProblem extends Problem {

    private final Map<String, Object> properties;

    private DailyRunProblem(Kind kind, String code, List<FieldError> fieldErrors, Map<String, Object> properties,
                            Object... arguments) {
        super(kind, code, fieldErrors, arguments);
        this.properties = Map.copyOf(properties);
    }

    static DailyRunProblem notFound() {
        return new DailyRunProblem(Kind.NOT_FOUND, "daily_run.not_found", List.of(), Map.of());
    }

    /** The business date is missing ({@code required}) or not a date as {@code yyyy-MM-dd} ({@code format}). */
    static DailyRunProblem invalidDate(String fieldCode) {
        return new DailyRunProblem(Kind.INVALID, "validation_failed",
                List.of(new FieldError("businessDate", fieldCode)), Map.of());
    }

    static DailyRunProblem futureDate(LocalDate businessDate, LocalDate today) {
        return new DailyRunProblem(Kind.UNPROCESSABLE, "daily_run.future_date", List.of(), Map.of(),
                businessDate.toString(), today.toString());
    }

    /** The date already has a run that is queued, running or completed; the client learns which. */
    static DailyRunProblem exists(UUID runId, LocalDate businessDate, RunStatus status) {
        return new DailyRunProblem(Kind.CONFLICT, "daily_run.exists", List.of(),
                Map.of("runId", runId.toString(), "status", status.name()),
                businessDate.toString(), status.name());
    }

    @Override
    public Map<String, Object> properties() {
        return properties;
    }
}
