package org.recourse.daily;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.recourse.daily.DailyRunLedger.RunRow;
import org.recourse.daily.DailyRunLedger.StepRow;
import org.recourse.registry.SignedInUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where a platform administrator starts the run of a business date and follows it. A date has one run: a
 * failed run is started again (the same run, its completed steps kept), any other is refused with its id.
 */
@Service
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
public class DailyRuns {

    private static final int LATEST = 50;

    private final RunStarter starter;
    private final DailyRunLedger ledger;
    private final DailyProperties properties;
    private final Clock clock;

    DailyRuns(RunStarter starter, DailyRunLedger ledger, DailyProperties properties, Clock clock) {
        this.starter = starter;
        this.ledger = ledger;
        this.properties = properties;
        this.clock = clock;
    }

    /** Queues the run of {@code businessDate} ({@code yyyy-MM-dd}, not after today in the platform's zone). */
    @Transactional
    public DailyRunView start(SignedInUser user, @Nullable String businessDate) {
        LocalDate date = parse(businessDate);
        LocalDate today = clock.instant().atZone(properties.zone()).toLocalDate();
        if (date.isAfter(today)) {
            throw DailyRunProblem.futureDate(date, today);
        }
        UUID run = starter.open(date, user.actor())
                .or(() -> starter.restartFailed(date, user.actor()))
                .orElseThrow(() -> {
                    RunRow existing = ledger.byDate(date).orElseThrow();
                    return DailyRunProblem.exists(existing.id(), date, existing.status());
                });
        return run(run);
    }

    @Transactional(readOnly = true)
    public DailyRunView run(UUID runId) {
        RunRow run = ledger.find(runId).orElseThrow(DailyRunProblem::notFound);
        return view(run, ledger.steps(List.of(runId)));
    }

    /** The latest runs, newest business date first, with their steps. */
    @Transactional(readOnly = true)
    public List<DailyRunView> latest() {
        List<RunRow> runs = ledger.latest(LATEST);
        Map<UUID, List<StepRow>> steps = ledger.steps(runs.stream().map(RunRow::id).toList()).stream()
                .collect(Collectors.groupingBy(StepRow::runId));
        return runs.stream().map(run -> view(run, steps.getOrDefault(run.id(), List.of()))).toList();
    }

    private static LocalDate parse(@Nullable String businessDate) {
        if (businessDate == null || businessDate.isBlank()) {
            throw DailyRunProblem.invalidDate("required");
        }
        try {
            return LocalDate.parse(businessDate.strip());
        } catch (DateTimeParseException e) {
            throw DailyRunProblem.invalidDate("format");
        }
    }

    private static DailyRunView view(RunRow run, List<StepRow> steps) {
        return new DailyRunView(run.id(), run.businessDate(), run.status().name(), run.requestedBy(),
                run.createdAt(), run.startedAt(), run.finishedAt(), run.failureCode(),
                steps.stream()
                        .map(step -> new DailyRunView.Step(step.name(), step.status().name(), step.processed(),
                                step.changed(), step.startedAt(), step.finishedAt()))
                        .toList());
    }
}
