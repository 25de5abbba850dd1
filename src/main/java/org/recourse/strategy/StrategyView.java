package org.recourse.strategy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** Strategies as their institution reads them. */
public final class StrategyView {

    private StrategyView() {
    }

    /**
     * A strategy in the list: its latest version's name, and the version in force on the institution's today if
     * the institution's strategy today is this one.
     */
    public record Summary(UUID id, String name, int latestVersion, Instant createdAt, @Nullable Integer activeVersion,
            @Nullable LocalDate nextActivation) {
    }

    /** A strategy with every version as saved and every activation. */
    public record Detail(UUID id, String name, int latestVersion, Instant createdAt, @Nullable Integer activeVersion,
            LocalDate today, List<Version> versions, List<Activation> activations) {

        public Version latest() {
            return versions.get(versions.size() - 1);
        }

        public @Nullable Version version(int number) {
            return versions.stream().filter(version -> version.version() == number).findFirst().orElse(null);
        }
    }

    public record Version(int version, String name, Instant createdAt, UUID createdBy, StrategyDefinition definition) {
    }

    public record Activation(int version, LocalDate from, Instant activatedAt, UUID activatedBy) {
    }

    /** What a save answers: the strategy and the version it created. */
    public record Saved(UUID id, int version) {
    }

    /**
     * Champion/challenger results of a strategy, per segment and variant over all its versions: the cases that
     * were in it, what they owed when they entered, how much of that was paid down while they were in it (the
     * drop in outstanding, per stay, never below zero), and the outbound contacts made meanwhile.
     */
    public record Results(UUID id, String name, List<Group> groups) {
    }

    public record Group(String segment, @Nullable String variant, long cases, BigDecimal outstandingAtEntry,
            BigDecimal recovered, BigDecimal recoveryRate, long casesWithRecovery, long contacts,
            BigDecimal contactsPerCase) {
    }
}
