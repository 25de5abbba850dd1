package org.recourse.strategy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.cases.BucketBands;
import org.recourse.shared.FieldChecks;
import org.recourse.shared.PlainText;
import org.recourse.strategy.StrategyDefinition.Conditions;
import org.recourse.strategy.StrategyDefinition.Segment;
import org.recourse.strategy.StrategyDefinition.Step;
import org.recourse.strategy.StrategyDefinition.Variant;

/**
 * The checks a strategy passes before it is saved. Malformed fields (missing, too long, markup, not an id) are
 * plain field codes; refusals by the rules carry a {@code strategy.} code, each at the path of the field it is
 * about (e.g. {@code segments[1].variants[0].steps[2].templateId}):
 *
 * <ul>
 * <li>{@code strategy.segment_name_taken}, {@code strategy.variant_name_taken}: names repeat;</li>
 * <li>{@code strategy.bucket_unknown}: not a bucket of the institution's bands;</li>
 * <li>{@code strategy.dpd_range_inverted}, {@code strategy.outstanding_range_inverted},
 * {@code strategy.outstanding_negative};</li>
 * <li>{@code strategy.segment_unreachable}: segments are ordered and the first match wins, so a segment whose
 * conditions can match no case, or only cases that earlier segments already take, can never match
 * ({@link SegmentSpace});</li>
 * <li>{@code strategy.day_offset_negative}, {@code strategy.day_offset_too_large}, {@code strategy.action_unknown};</li>
 * <li>{@code strategy.template_required} (SMS, EMAIL, LETTER), {@code strategy.template_not_applicable} (any other
 * action), {@code strategy.template_unknown} (not one of the institution's approved templates),
 * {@code strategy.template_channel} (a template of another channel);</li>
 * <li>{@code strategy.variant_percent} (1–100), {@code strategy.variant_percents_sum} (not 100);</li>
 * <li>{@code strategy.step_forbidden_by_policy}: the institution's policy caps the channel at zero a day;
 * {@code strategy.steps_exceed_daily_cap}: a path has more steps of a channel on one day than the policy lets
 * reach a borrower in a day (SMS, calls, field visits), so some could never be carried out.</li>
 * </ul>
 */
final class StrategyRules {

    static final int MAX_NAME = 100;
    static final int MAX_SEGMENTS = 50;
    static final int MAX_VARIANTS = 10;
    static final int MAX_STEPS = 100;
    static final int MAX_VALUES = 200;
    static final int MAX_DAY_OFFSET = 3650;

    /** What the institution's policy lets reach one borrower a day, per action; an action not here is not capped. */
    record DailyCaps(Map<Action, Integer> caps) {
    }

    private final BucketBands bands;
    private final Map<UUID, MessageTemplate> templates;
    private final DailyCaps caps;
    private final FieldChecks checks = new FieldChecks();

    StrategyRules(BucketBands bands, Map<UUID, MessageTemplate> templates, DailyCaps caps) {
        this.bands = bands;
        this.templates = templates;
        this.caps = caps;
    }

    /** The template ids the steps name, well-formed ones only; the caller looks them up before checking. */
    static Set<UUID> templateIds(StrategyDefinition definition) {
        Set<UUID> ids = new HashSet<>();
        for (Segment segment : definition.segments() == null ? List.<Segment>of() : definition.segments()) {
            if (segment == null) {
                continue;
            }
            List<Step> steps = new ArrayList<>(segment.stepsOrNone());
            segment.variantsOrNone().stream().filter(java.util.Objects::nonNull).forEach(v -> steps.addAll(v.stepsOrNone()));
            for (Step step : steps) {
                if (step != null && step.templateId() != null) {
                    try {
                        ids.add(UUID.fromString(step.templateId().strip()));
                    } catch (IllegalArgumentException e) {
                        // reported by the check
                    }
                }
            }
        }
        return ids;
    }

    /** Checks the whole definition; answers every field error found (none: it may be saved). */
    FieldChecks check(StrategyDefinition definition) {
        checks.text("name", definition.name(), 1, MAX_NAME);
        checks.check("maxDelayDays", definition.maxDelayDays() == null
                || definition.maxDelayDays() >= 1 && definition.maxDelayDays() <= 30, "strategy.max_delay_days");
        List<Segment> segments = definition.segments();
        if (segments == null || segments.isEmpty()) {
            checks.reject("segments", "required");
            return checks;
        }
        if (segments.size() > MAX_SEGMENTS) {
            checks.reject("segments", "too_many");
            return checks;
        }
        Set<String> names = new HashSet<>();
        List<SegmentSpace.Box> earlier = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            String path = "segments[" + i + "]";
            Segment segment = segments.get(i);
            if (segment == null) {
                checks.reject(path, "required");
                continue;
            }
            String name = checks.text(path + ".name", segment.name(), 1, MAX_NAME);
            if (name != null && !names.add(name)) {
                checks.reject(path + ".name", "strategy.segment_name_taken");
            }
            SegmentSpace.Box box = conditions(path + ".conditions", segment.conditionsOrAny());
            if (box != null) {
                if (!SegmentSpace.reachable(box, earlier)) {
                    checks.reject(path + ".conditions", "strategy.segment_unreachable");
                }
                earlier.add(box);
            }
            List<Placed> own = steps(path + ".steps", segment.steps());
            List<Variant> variants = segment.variantsOrNone();
            if (variants.isEmpty()) {
                dailyCaps(own, List.of());
            } else {
                variants(path, variants, own);
            }
        }
        return checks;
    }

    /** The box of a segment's conditions, or null when they are malformed or contradict themselves. */
    private SegmentSpace.@Nullable Box conditions(String path, Conditions conditions) {
        boolean valid = true;
        List<String> known = bands.names();
        List<String> buckets = values(path + ".buckets", conditions.buckets());
        if (buckets != null) {
            for (String bucket : buckets) {
                if (!known.contains(bucket)) {
                    checks.reject(path + ".buckets", "strategy.bucket_unknown");
                    valid = false;
                }
            }
        } else {
            valid = false;
        }
        if (conditions.minDpd() != null && conditions.maxDpd() != null && conditions.minDpd() > conditions.maxDpd()) {
            checks.reject(path + ".maxDpd", "strategy.dpd_range_inverted");
            valid = false;
        }
        valid &= amount(path + ".minOutstanding", conditions.minOutstanding());
        valid &= amount(path + ".maxOutstanding", conditions.maxOutstanding());
        if (valid && conditions.minOutstanding() != null && conditions.maxOutstanding() != null
                && conditions.minOutstanding().compareTo(conditions.maxOutstanding()) > 0) {
            checks.reject(path + ".maxOutstanding", "strategy.outstanding_range_inverted");
            valid = false;
        }
        valid &= values(path + ".products", conditions.products()) != null;
        valid &= values(path + ".provinces", conditions.provinces()) != null;
        return valid ? SegmentSpace.box(conditions, this::daysOf) : null;
    }

    private long[] daysOf(String bucket) {
        if (BucketBands.CURRENT.equals(bucket)) {
            return new long[] {Long.MIN_VALUE, 0};
        }
        BucketBands.Band band = bands.band(bucket);
        return new long[] {band.minDpd(), band.maxDpd() == null ? Long.MAX_VALUE : band.maxDpd()};
    }

    private boolean amount(String path, @Nullable BigDecimal amount) {
        if (amount == null) {
            return true;
        }
        if (amount.stripTrailingZeros().scale() > 4 || amount.abs().compareTo(new BigDecimal("1000000000000000")) >= 0) {
            checks.reject(path, "format");
            return false;
        }
        return checks.check(path, amount.signum() >= 0, "strategy.outstanding_negative");
    }

    /** A list of names (buckets, products, provinces): each present, plain and short; null when malformed. */
    private @Nullable List<String> values(String path, @Nullable List<String> values) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_VALUES) {
            checks.reject(path, "too_many");
            return null;
        }
        List<String> trimmed = new ArrayList<>();
        for (String value : values) {
            if (value == null || value.isBlank() || PlainText.hasMarkup(value) || PlainText.length(value.strip()) > MAX_NAME) {
                checks.reject(path, "invalid");
                return null;
            }
            trimmed.add(value.strip());
        }
        return List.copyOf(new LinkedHashSet<>(trimmed));
    }

    private void variants(String path, List<Variant> variants, List<Placed> own) {
        if (variants.size() > MAX_VARIANTS) {
            checks.reject(path + ".variants", "too_many");
            return;
        }
        Set<String> names = new HashSet<>();
        int sum = 0;
        boolean percents = true;
        for (int j = 0; j < variants.size(); j++) {
            String variantPath = path + ".variants[" + j + "]";
            Variant variant = variants.get(j);
            if (variant == null) {
                checks.reject(variantPath, "required");
                percents = false;
                continue;
            }
            String name = checks.text(variantPath + ".name", variant.name(), 1, MAX_NAME);
            if (name != null && !names.add(name)) {
                checks.reject(variantPath + ".name", "strategy.variant_name_taken");
            }
            if (variant.percent() == null) {
                checks.reject(variantPath + ".percent", "required");
                percents = false;
            } else if (!checks.check(variantPath + ".percent", variant.percent() >= 1 && variant.percent() <= 100,
                    "strategy.variant_percent")) {
                percents = false;
            } else {
                sum += variant.percent();
            }
            dailyCaps(steps(variantPath + ".steps", variant.steps()), own);
        }
        if (percents && sum != 100) {
            checks.reject(path + ".variants", "strategy.variant_percents_sum");
        }
    }

    /** A well-formed step and where it stood in the request. */
    private record Placed(String path, Step step, Action action) {
    }

    /** The well-formed steps of a list, each checked; malformed ones are left out of the later checks. */
    private List<Placed> steps(String path, @Nullable List<Step> steps) {
        if (steps == null) {
            return List.of();
        }
        if (steps.size() > MAX_STEPS) {
            checks.reject(path, "too_many");
            return List.of();
        }
        List<Placed> valid = new ArrayList<>();
        for (int k = 0; k < steps.size(); k++) {
            String stepPath = path + "[" + k + "]";
            Step step = steps.get(k);
            if (step == null) {
                checks.reject(stepPath, "required");
                continue;
            }
            boolean ok = true;
            if (step.dayOffset() == null) {
                ok = checks.check(stepPath + ".dayOffset", false, "required");
            } else if (step.dayOffset() < 0) {
                ok = checks.check(stepPath + ".dayOffset", false, "strategy.day_offset_negative");
            } else if (step.dayOffset() > MAX_DAY_OFFSET) {
                ok = checks.check(stepPath + ".dayOffset", false, "strategy.day_offset_too_large");
            }
            Action action = null;
            if (step.action() == null || step.action().isBlank()) {
                ok = checks.check(stepPath + ".action", false, "required");
            } else {
                action = Action.named(step.action().strip()).orElse(null);
                ok &= checks.check(stepPath + ".action", action != null, "strategy.action_unknown");
            }
            UUID templateId = checks.optionalId(stepPath + ".templateId", step.templateId());
            boolean malformedTemplate = step.templateId() != null && !step.templateId().isBlank() && templateId == null;
            if (action != null && !malformedTemplate) {
                TemplateChannel channel = action.templateChannel();
                if (channel == null) {
                    ok &= checks.check(stepPath + ".templateId", templateId == null, "strategy.template_not_applicable");
                } else if (templateId == null) {
                    ok = checks.check(stepPath + ".templateId", false, "strategy.template_required");
                } else {
                    MessageTemplate template = templates.get(templateId);
                    if (template == null) {
                        ok = checks.check(stepPath + ".templateId", false, "strategy.template_unknown");
                    } else {
                        ok &= checks.check(stepPath + ".templateId", template.channel() == channel,
                                "strategy.template_channel");
                    }
                }
            }
            if (ok && action != null) {
                valid.add(new Placed(stepPath, step, action));
            }
        }
        return valid;
    }

    /**
     * The policy checks over one path (a variant's steps with its segment's, or a segment's alone): an action the
     * policy caps at zero is forbidden; more steps of a capped action on one day than the cap cannot all be done.
     * A segment's own step is checked once per path it is on; the first error on a field is the one kept.
     */
    private void dailyCaps(List<Placed> steps, List<Placed> shared) {
        Map<Action, Map<Integer, Integer>> perDay = new EnumMap<>(Action.class);
        List<Placed> all = new ArrayList<>(shared);
        all.addAll(steps);
        for (Placed placed : all) {
            Integer cap = caps.caps().get(placed.action());
            if (cap == null) {
                continue;
            }
            if (cap == 0) {
                checks.reject(placed.path() + ".action", "strategy.step_forbidden_by_policy");
                continue;
            }
            int count = perDay.computeIfAbsent(placed.action(), a -> new HashMap<>())
                    .merge(placed.step().dayOffset(), 1, Integer::sum);
            if (count > cap) {
                checks.reject(placed.path() + ".dayOffset", "strategy.steps_exceed_daily_cap");
            }
        }
    }
}
