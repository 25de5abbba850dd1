package org.recourse.strategy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.strategy.StrategyDefinition.Conditions;
import org.recourse.strategy.StrategyDefinition.Segment;
import org.recourse.strategy.StrategyDefinition.Step;
import org.recourse.strategy.StrategyDefinition.Variant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Strategies, their versions (as JSON and as rows for the nightly SQL) and activations. */
@Repository
class StrategyStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    StrategyStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A strategy's row: whose it is and when it was made. */
    record Header(UUID id, UUID institution, Instant createdAt) {
    }

    /** A version in force: which strategy and version, since which day. */
    record InForce(UUID strategy, int version, LocalDate from) {
    }

    void insertStrategy(UUID id, UUID institution, Instant at, UUID by) {
        jdbc.sql("insert into strategy.strategy (id, institution_id, created_at, created_by) values (:id, :i, :at, :by)")
                .param("id", id).param("i", institution).param("at", timestamp(at)).param("by", by).update();
    }

    /** The strategy of the institution; another's is not found. */
    Optional<Header> find(UUID institution, UUID id) {
        return jdbc.sql("select id, institution_id, created_at from strategy.strategy where id = :id and institution_id = :i")
                .param("id", id).param("i", institution)
                .query((row, n) -> new Header(row.getObject("id", UUID.class), row.getObject("institution_id", UUID.class),
                        row.getObject("created_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    int latestVersion(UUID strategy) {
        return jdbc.sql("select coalesce(max(version), 0) from strategy.version where strategy_id = :s")
                .param("s", strategy).query(Integer.class).single();
    }

    /**
     * Saves a version with its segments, variants and steps; false when the version number is taken (another save
     * of the same strategy came first).
     */
    boolean insertVersion(UUID institution, UUID strategy, int version, StrategyDefinition definition, Instant at,
            UUID by) {
        try {
            jdbc.sql("""
                    insert into strategy.version (strategy_id, version, institution_id, name, definition, created_at,
                        created_by)
                    values (:s, :v, :i, :name, cast(:definition as jsonb), :at, :by)
                    """)
                    .param("s", strategy).param("v", version).param("i", institution)
                    .param("name", definition.name().strip()).param("definition", json.writeValueAsString(definition))
                    .param("at", timestamp(at)).param("by", by).update();
        } catch (DuplicateKeyException e) {
            return false;
        }
        List<Segment> segments = definition.segments();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            Conditions c = segment.conditionsOrAny();
            jdbc.sql("""
                    insert into strategy.segment (strategy_id, version, position, name, buckets, min_dpd, max_dpd,
                        min_outstanding, max_outstanding, products, provinces)
                    values (:s, :v, :p, :name, cast(:buckets as text[]), :minDpd, :maxDpd, :minOut, :maxOut,
                        cast(:products as text[]), cast(:provinces as text[]))
                    """)
                    .param("s", strategy).param("v", version).param("p", i).param("name", segment.name().strip())
                    .param("buckets", array(c.buckets()))
                    .param("minDpd", c.minDpd(), java.sql.Types.INTEGER).param("maxDpd", c.maxDpd(), java.sql.Types.INTEGER)
                    .param("minOut", c.minOutstanding(), java.sql.Types.NUMERIC)
                    .param("maxOut", c.maxOutstanding(), java.sql.Types.NUMERIC)
                    .param("products", array(c.products())).param("provinces", array(c.provinces()))
                    .update();
            insertSteps(strategy, version, i, null, segment.stepsOrNone());
            int from = 0;
            List<Variant> variants = segment.variantsOrNone();
            for (int j = 0; j < variants.size(); j++) {
                Variant variant = variants.get(j);
                jdbc.sql("""
                        insert into strategy.variant (strategy_id, version, segment_position, position, name, percent,
                            slot_from, slot_to)
                        values (:s, :v, :p, :q, :name, :percent, :from, :to)
                        """)
                        .param("s", strategy).param("v", version).param("p", i).param("q", j)
                        .param("name", variant.name().strip()).param("percent", variant.percent())
                        .param("from", from).param("to", from + variant.percent()).update();
                from += variant.percent();
                insertSteps(strategy, version, i, j, variant.stepsOrNone());
            }
        }
        return true;
    }

    private void insertSteps(UUID strategy, int version, int segment, @Nullable Integer variant, List<Step> steps) {
        for (int k = 0; k < steps.size(); k++) {
            Step step = steps.get(k);
            UUID template = step.templateId() == null || step.templateId().isBlank() ? null
                    : UUID.fromString(step.templateId().strip());
            jdbc.sql("""
                    insert into strategy.step (strategy_id, version, segment_position, variant_position, position,
                        day_offset, action, template_id)
                    values (:s, :v, :p, :q, :k, :offset, :action, :template)
                    """)
                    .param("s", strategy).param("v", version).param("p", segment)
                    .param("q", variant, java.sql.Types.INTEGER).param("k", k).param("offset", step.dayOffset())
                    .param("action", step.action().strip()).param("template", template, java.sql.Types.OTHER)
                    .update();
        }
    }

    /** Every version of the strategy, oldest first. */
    List<StrategyView.Version> versions(UUID strategy) {
        return jdbc.sql("""
                select version, name, created_at, created_by, definition::text as definition
                  from strategy.version where strategy_id = :s order by version
                """)
                .param("s", strategy)
                .query((row, n) -> new StrategyView.Version(row.getInt("version"), row.getString("name"),
                        row.getObject("created_at", OffsetDateTime.class).toInstant(),
                        row.getObject("created_by", UUID.class),
                        json.readValue(row.getString("definition"), StrategyDefinition.class)))
                .list();
    }

    /** The institution's strategies with their latest version's name and number, newest first. */
    List<StrategyView.Summary> summaries(UUID institution, @Nullable InForce today, LocalDate day) {
        return jdbc.sql("""
                select s.id, v.name, v.version, s.created_at,
                       (select min(a.active_from) from strategy.activation a
                         where a.institution_id = :i and a.strategy_id = s.id and a.active_from > :day) as next_from
                  from strategy.strategy s
                  join lateral (select name, version from strategy.version
                                 where strategy_id = s.id order by version desc limit 1) v on true
                 where s.institution_id = :i
                 order by s.created_at desc, s.id
                """)
                .param("i", institution).param("day", day)
                .query((row, n) -> {
                    UUID id = row.getObject("id", UUID.class);
                    return new StrategyView.Summary(id, row.getString("name"), row.getInt("version"),
                            row.getObject("created_at", OffsetDateTime.class).toInstant(),
                            today != null && today.strategy().equals(id) ? today.version() : null,
                            row.getObject("next_from", LocalDate.class));
                })
                .list();
    }

    void activate(UUID institution, UUID strategy, int version, LocalDate from, Instant at, UUID by) {
        jdbc.sql("""
                insert into strategy.activation (institution_id, strategy_id, version, active_from, activated_at,
                    activated_by)
                values (:i, :s, :v, :from, :at, :by)
                """)
                .param("i", institution).param("s", strategy).param("v", version).param("from", from)
                .param("at", timestamp(at)).param("by", by).update();
    }

    List<StrategyView.Activation> activations(UUID strategy) {
        return jdbc.sql("""
                select version, active_from, activated_at, activated_by from strategy.activation
                 where strategy_id = :s order by activated_at, id
                """)
                .param("s", strategy)
                .query((row, n) -> new StrategyView.Activation(row.getInt("version"),
                        row.getObject("active_from", LocalDate.class),
                        row.getObject("activated_at", OffsetDateTime.class).toInstant(),
                        row.getObject("activated_by", UUID.class)))
                .list();
    }

    /** The version in force for the institution on a day: the latest activation whose first day has come. */
    Optional<InForce> inForce(UUID institution, LocalDate day) {
        return jdbc.sql(IN_FORCE).param("i", institution).param("day", day)
                .query((row, n) -> new InForce(row.getObject("strategy_id", UUID.class), row.getInt("version"),
                        row.getObject("active_from", LocalDate.class)))
                .optional();
    }

    static final String IN_FORCE = """
            select strategy_id, version, active_from from strategy.activation
             where institution_id = :i and active_from <= :day
             order by activated_at desc, id desc limit 1
            """;

    private static @Nullable String array(@Nullable List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"').append(values.get(i).strip().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return literal.append('}').toString();
    }

    static OffsetDateTime timestamp(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
