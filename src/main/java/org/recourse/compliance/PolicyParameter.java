package org.recourse.compliance;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.StringNode;

/**
 * The parameters a policy pack may set, each with its type and which way is stricter: an institution may
 * move a parameter only that way (PRODUCT.md: policies can be tightened, never loosened). A pack file
 * naming anything else is refused at start, so that a typo cannot switch a rule off.
 */
public enum PolicyParameter {

    QUIET_FROM("contactWindow.quietFrom", Shape.QUIET_START),
    QUIET_TO("contactWindow.quietTo", Shape.QUIET_END),
    CONVERSATIONS_PER_DAY("frequency.conversationsPerBorrowerPerDay", Shape.CAP),
    UNANSWERED_PER_NUMBER_PER_DAY("frequency.unansweredPerNumberPerDay", Shape.CAP),
    CALL_ATTEMPTS_PER_DAY("frequency.callAttemptsPerBorrowerPerDay", Shape.CAP),
    SMS_PER_DAY("frequency.smsPerBorrowerPerDay", Shape.CAP),
    VISITS_PER_DAY("frequency.visitsPerBorrowerPerDay", Shape.CAP),
    VISIT_MIN_COLLECTORS("visits.minCollectors", Shape.MINIMUM),
    THIRD_PARTY_ONLY_IF("thirdParty.contactOnlyIf", Shape.SUBSET),
    THIRD_PARTY_STOP_ON_REFUSAL("thirdParty.stopOnRefusal", Shape.REQUIRED),
    OUTSOURCING_NOTICE("outsourcing.noticeBeforeFirstAgencyContact", Shape.REQUIRED),
    REGISTERED_NUMBERS_ONLY("channels.registeredOutboundNumbersOnly", Shape.REQUIRED);

    /** The conditions under which a third party may be contacted (COMPLIANCE.md CN-13, CN-21). */
    public static final Set<String> UNREACHABLE_CONDITIONS = Set.of("NUMBER_INVALID", "THREE_CONSECUTIVE_FAILED_CALLS",
            "THREE_CONSECUTIVE_DAYS_UNREACHABLE");

    private static final Duration NOON = Duration.ofHours(12);

    /** The type of a value and the direction that is stricter. */
    enum Shape {
        /** Start of the quiet hours in the evening: earlier is stricter. */
        QUIET_START,
        /** End of the quiet hours in the morning: later is stricter. */
        QUIET_END,
        /** A count per period: fewer is stricter. */
        CAP,
        /** A least number: more is stricter. */
        MINIMUM,
        /** A set of conditions that permit something: fewer is stricter. */
        SUBSET,
        /** A safeguard: on is stricter. */
        REQUIRED
    }

    private final String key;
    private final Shape shape;

    PolicyParameter(String key, Shape shape) {
        this.key = key;
        this.shape = shape;
    }

    public String key() {
        return key;
    }

    Shape shape() {
        return shape;
    }

    public static Optional<PolicyParameter> byKey(String key) {
        return Arrays.stream(values()).filter(parameter -> parameter.key.equals(key)).findFirst();
    }

    /** The value in its Java form, or empty when the JSON does not have this parameter's shape. */
    Optional<Object> read(JsonNode node) {
        return switch (shape) {
            case QUIET_START, QUIET_END -> node.isString() ? time(node.asString()) : Optional.empty();
            case CAP, MINIMUM -> node.isIntegralNumber() && node.asLong() >= 0 && node.asLong() <= 1_000
                    ? Optional.of(node.asInt()) : Optional.empty();
            case REQUIRED -> node.isBoolean() ? Optional.of(node.asBoolean()) : Optional.empty();
            case SUBSET -> conditions(node);
        };
    }

    /**
     * A value as a person typed it into a form, in the JSON shape {@link #read} expects: a number for counts,
     * true/false for safeguards, a list (comma-separated) for conditions, the text itself for times. Text that
     * is none of these stays text, so that {@link #read} refuses it as malformed rather than guess.
     */
    JsonNode fromText(String text) {
        String typed = text.strip();
        return switch (shape) {
            case QUIET_START, QUIET_END -> StringNode.valueOf(typed);
            case CAP, MINIMUM -> typed.matches("\\d{1,4}") ? IntNode.valueOf(Integer.parseInt(typed))
                    : StringNode.valueOf(typed);
            case REQUIRED -> "true".equalsIgnoreCase(typed) || "false".equalsIgnoreCase(typed)
                    ? BooleanNode.valueOf(Boolean.parseBoolean(typed)) : StringNode.valueOf(typed);
            case SUBSET -> {
                ArrayNode conditions = JsonNodeFactory.instance.arrayNode();
                for (String condition : typed.split("[,，\\s]+")) {
                    if (!condition.isEmpty()) {
                        conditions.add(condition);
                    }
                }
                yield conditions;
            }
        };
    }

    /** Whether {@code candidate} is at least as strict as {@code base}. */
    boolean atLeastAsStrict(Object candidate, Object base) {
        return switch (shape) {
            case QUIET_START -> sinceNoon((LocalTime) candidate).compareTo(sinceNoon((LocalTime) base)) <= 0;
            case QUIET_END -> sinceNoon((LocalTime) candidate).compareTo(sinceNoon((LocalTime) base)) >= 0;
            case CAP -> (Integer) candidate <= (Integer) base;
            case MINIMUM -> (Integer) candidate >= (Integer) base;
            case REQUIRED -> (Boolean) candidate || !(Boolean) base;
            case SUBSET -> ((Set<?>) base).containsAll((Set<?>) candidate);
        };
    }

    /**
     * Quiet hours run over midnight, so times are compared as time since noon: 21:00 starts earlier than
     * 22:00, and 09:00 ends later than 08:00, while 01:00 as a start is later than both.
     */
    private static Duration sinceNoon(LocalTime time) {
        Duration since = Duration.ofNanos(time.toNanoOfDay()).minus(NOON);
        return since.isNegative() ? since.plusDays(1) : since;
    }

    private static Optional<Object> time(String text) {
        try {
            return text.matches("\\d{2}:\\d{2}") ? Optional.of(LocalTime.parse(text)) : Optional.empty();
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Object> conditions(JsonNode node) {
        if (!node.isArray()) {
            return Optional.empty();
        }
        Set<String> conditions = new HashSet<>();
        for (JsonNode item : node) {
            if (!item.isString() || !UNREACHABLE_CONDITIONS.contains(item.asString())) {
                return Optional.empty();
            }
            conditions.add(item.asString());
        }
        return Optional.of(Set.copyOf(conditions));
    }

    /** The value as JSON shows it. */
    static Object display(Object value) {
        if (value instanceof LocalTime time) {
            return time.toString();
        }
        if (value instanceof Set<?> set) {
            return set.stream().map(Object::toString).sorted().toList();
        }
        return value;
    }
}
