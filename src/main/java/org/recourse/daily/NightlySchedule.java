package org.recourse.daily;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Starts the night's run: every minute, by the platform clock, each node checks whether the configured local
 * time has passed; from then on, day D+1 runs business date D. Every node may try; the date's unique run
 * lets one of them create it and the others find it there.
 */
@Component
class NightlySchedule {

    private static final Logger log = LoggerFactory.getLogger(NightlySchedule.class);

    private final DailyProperties properties;
    private final Clock clock;
    private final DailyRunLedger ledger;
    private final RunStarter starter;

    NightlySchedule(DailyProperties properties, Clock clock, DailyRunLedger ledger, RunStarter starter) {
        this.properties = properties;
        this.clock = clock;
        this.ledger = ledger;
        this.starter = starter;
    }

    @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.MINUTES)
    void tick() {
        if (!properties.enabled()) {
            return;
        }
        try {
            startIfDue();
        } catch (RuntimeException e) {
            log.warn("Could not start the nightly run: {}", e.getClass().getName());
        }
    }

    /** The run this call created; empty when it is not time yet or the date has its run already. */
    Optional<UUID> startIfDue() {
        Optional<LocalDate> due = dueBusinessDate(clock.instant(), properties.time(), properties.zone());
        // A cheap look first, so that the 1,439 other minutes of the day write nothing; the insert decides.
        if (due.isEmpty() || ledger.byDate(due.get()).isPresent()) {
            return Optional.empty();
        }
        Optional<UUID> run = starter.open(due.get(), null);
        run.ifPresent(id -> log.info("Nightly run {} for {} queued", id, due.get()));
        return run;
    }

    /** The business date whose run is due at {@code now}: yesterday, once today's local {@code time} has passed. */
    static Optional<LocalDate> dueBusinessDate(Instant now, LocalTime time, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        return local.toLocalTime().isBefore(time) ? Optional.empty() : Optional.of(local.toLocalDate().minusDays(1));
    }
}
