package org.recourse.compliance;

import java.io.StringWriter;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.db.PositionalStatement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Decisions, written once with everything they were made from and read back to be explained. */
@Repository
class DecisionStore {

    /** A stored decision's inputs read back: names to texts, flags, counts and lists of texts. */
    private static final TypeReference<Map<String, Object>> INPUTS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final PolicySources sources;
    private final JsonMapper json = JsonMapper.builder().build();

    DecisionStore(JdbcClient jdbc, JdbcTemplate template, PolicySources sources) {
        this.jdbc = jdbc;
        this.template = template;
        this.sources = sources;
    }

    /** A decision as stored: its rules with message arguments, not words. */
    record StoredDecision(UUID id, UUID institution, UUID accountId, UUID borrowerId, UUID contactPointId,
            String channel, String purpose, UUID actorOrganisation, UUID actorUser, String outcome, String pack,
            String packVersion, int overlayVersion, Instant evaluatedAt, LocalDateTime borrowerLocalTime,
            String borrowerZone, LocalDate localDay, List<RuleResult> rules, Map<String, Object> inputs,
            @Nullable Instant nextAllowedAt, @Nullable Instant validUntil) {

        PolicySources.PolicyKey policy() {
            return new PolicySources.PolicyKey(institution, pack, packVersion, overlayVersion);
        }

        /** The same decision with these rules. */
        StoredDecision withRules(List<RuleResult> replaced) {
            return new StoredDecision(id, institution, accountId, borrowerId, contactPointId, channel, purpose,
                    actorOrganisation, actorUser, outcome, pack, packVersion, overlayVersion, evaluatedAt,
                    borrowerLocalTime, borrowerZone, localDay, replaced, inputs, nextAllowedAt, validUntil);
        }
    }

    /**
     * Writes the decision as the last statement of its transaction. When the transaction is the decision's own (begun
     * for it, not part of a caller's, nothing registered to run at its commit), the {@code COMMIT} is sent in the same
     * round trip as the insert: PostgreSQL runs it only if the insert succeeded (an error skips the rest of the batch
     * and the transaction manager rolls back), answers only once the commit is durable (synchronous commit), and the
     * transaction manager's own commit then finds the connection idle, which the driver does not send again. Inside
     * a caller's transaction (a task's decision) the insert is sent alone and the caller commits.
     */
    void insertLast(StoredDecision decision) {
        // The rules' sources are stored once per policy, not in the row (PolicySources).
        sources.ensure(decision.policy(), decision.rules());
        PositionalStatement statement = ownTransaction() ? INSERT_AND_COMMIT : INSERT;
        template.update(parameters(statement.values(), decision));
    }

    private static boolean ownTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            return false;
        }
        TransactionStatus status;
        try {
            status = TransactionAspectSupport.currentTransactionStatus();
        } catch (NoTransactionException e) {
            // A transaction not begun by @Transactional (a TransactionTemplate): not known to be the decision's own.
            return false;
        }
        return status.isNewTransaction() && !status.isRollbackOnly() && !status.isNested()
                && (!TransactionSynchronizationManager.isSynchronizationActive()
                        || TransactionSynchronizationManager.getSynchronizations().isEmpty());
    }

    private static final String INSERT_SQL = """
            insert into compliance.decision (id, institution_id, account_id, borrower_id, contact_point_id, channel,
                purpose, actor_organisation_id, actor_user_id, outcome, pack, pack_version, overlay_version,
                evaluated_at, borrower_local_time, local_day, rules, inputs, next_allowed_at, valid_until)
            values (:id, :institution, :account, :borrower, :point, :channel, :purpose, :organisation, :user,
                :outcome, :pack, :version, :overlay, :at, :local, :day, cast(:rules as jsonb), cast(:inputs as jsonb),
                cast(:next as timestamptz), cast(:until as timestamptz))""";

    private static final PositionalStatement INSERT = PositionalStatement.of(INSERT_SQL);

    private static final PositionalStatement INSERT_AND_COMMIT = PositionalStatement.of(INSERT_SQL + ";\ncommit");

    private PositionalStatement.Values parameters(PositionalStatement.Values values, StoredDecision decision) {
        return values.set("id", decision.id()).set("institution", decision.institution())
                .set("account", decision.accountId()).set("borrower", decision.borrowerId())
                .set("point", decision.contactPointId()).set("channel", decision.channel())
                .set("purpose", decision.purpose()).set("organisation", decision.actorOrganisation())
                .set("user", decision.actorUser()).set("outcome", decision.outcome())
                .set("pack", decision.pack()).set("version", decision.packVersion())
                .set("overlay", decision.overlayVersion() == 0 ? null : decision.overlayVersion(), Types.INTEGER)
                .set("at", decision.evaluatedAt().atOffset(ZoneOffset.UTC))
                .set("local", decision.borrowerLocalTime()).set("day", decision.localDay())
                .set("rules", rulesJson(decision.rules())).set("inputs", inputsJson(decision))
                // As text, null or not: the driver types a null timestamp 'unspecified' and a value 'timestamptz', and
                // re-prepares the statement whenever the types change (an ALLOW after a DENY): 39 % of the inserts.
                .set("next", decision.nextAllowedAt() == null ? null : decision.nextAllowedAt().toString(),
                        Types.VARCHAR)
                .set("until", decision.validUntil() == null ? null : decision.validUntil().toString(), Types.VARCHAR);
    }

    /**
     * The rules as stored: each one's name, outcome, message arguments and, for a failure time will cure, when; not
     * its source (stored once per policy). Written with the streaming generator: a decision's hot path.
     */
    private String rulesJson(List<RuleResult> rules) {
        StringWriter out = new StringWriter(96 * rules.size());
        try (JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartArray();
            for (RuleResult rule : rules) {
                generator.writeStartObject();
                generator.writeStringProperty("rule", rule.rule());
                generator.writeStringProperty("outcome", rule.outcome().name());
                generator.writeArrayPropertyStart("arguments");
                for (String argument : rule.arguments()) {
                    generator.writeString(argument);
                }
                generator.writeEndArray();
                if (rule.nextAllowedAt() != null) {
                    generator.writeStringProperty("nextAllowedAt", rule.nextAllowedAt().toString());
                }
                generator.writeEndObject();
            }
            generator.writeEndArray();
        }
        return out.toString();
    }

    /** What the decision was made from, and the zone its day was counted in. */
    private String inputsJson(StoredDecision decision) {
        StringWriter out = new StringWriter(768);
        try (JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartObject();
            for (Map.Entry<String, Object> input : decision.inputs().entrySet()) {
                generator.writeName(input.getKey());
                writeInput(generator, input.getValue());
            }
            generator.writeStringProperty("borrowerZone", decision.borrowerZone());
            generator.writeEndObject();
        }
        return out.toString();
    }

    /** An input's value: text, a flag, a count or a list of texts (ComplianceDesk.inputs makes nothing else). */
    private static void writeInput(JsonGenerator generator, Object value) {
        if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Boolean flag) {
            generator.writeBoolean(flag);
        } else if (value instanceof Integer count) {
            generator.writeNumber(count);
        } else if (value instanceof List<?> items) {
            generator.writeStartArray();
            for (Object item : items) {
                writeInput(generator, item);
            }
            generator.writeEndArray();
        } else {
            throw new IllegalArgumentException("An input of type " + value.getClass().getName() + " cannot be stored");
        }
    }

    /** The institution a decision of the agency's people was filed under; null if the agency made no such decision. */
    @Nullable
    UUID institutionOfAgencyDecision(UUID agency, UUID id) {
        return jdbc.sql("select institution_id from compliance.decision where id = :id and actor_organisation_id = :agency")
                .param("id", id).param("agency", agency).query((row, n) -> row.getObject(1, UUID.class)).optional()
                .orElse(null);
    }

    @Nullable
    StoredDecision find(UUID institution, UUID id) {
        StoredDecision stored = jdbc.sql(
                "select * from compliance.decision where institution_id = :institution and id = :id")
                .param("institution", institution).param("id", id)
                .query((row, n) -> {
                    JsonNode inputs = json.readTree(row.getString("inputs"));
                    List<RuleResult> rules = new ArrayList<>();
                    for (JsonNode rule : json.readTree(row.getString("rules"))) {
                        List<String> arguments = new ArrayList<>();
                        rule.path("arguments").forEach(argument -> arguments.add(argument.asString()));
                        String next = rule.path("nextAllowedAt").asString(null);
                        // Decisions stored before V31 carry their rules' sources; later ones are given theirs below.
                        rules.add(new RuleResult(rule.path("rule").asString(),
                                RuleOutcome.valueOf(rule.path("outcome").asString()), List.copyOf(arguments),
                                rule.path("source").asString(""), next == null ? null : Instant.parse(next)));
                    }
                    return new StoredDecision(row.getObject("id", UUID.class), institution,
                            row.getObject("account_id", UUID.class), row.getObject("borrower_id", UUID.class),
                            row.getObject("contact_point_id", UUID.class), row.getString("channel"),
                            row.getString("purpose"), row.getObject("actor_organisation_id", UUID.class),
                            row.getObject("actor_user_id", UUID.class), row.getString("outcome"), row.getString("pack"),
                            row.getString("pack_version"), row.getInt("overlay_version"),
                            row.getTimestamp("evaluated_at").toInstant(),
                            row.getObject("borrower_local_time", LocalDateTime.class),
                            inputs.path("borrowerZone").asString(), row.getObject("local_day", LocalDate.class),
                            List.copyOf(rules), json.convertValue(inputs, INPUTS),
                            row.getTimestamp("next_allowed_at") == null ? null : row.getTimestamp("next_allowed_at").toInstant(),
                            row.getTimestamp("valid_until") == null ? null : row.getTimestamp("valid_until").toInstant());
                })
                .optional().orElse(null);
        return stored == null ? null : withSources(stored);
    }

    /**
     * The decision with every rule's source, from its policy's stored sources where the rule does not carry one (a
     * pack's every parameter has a source, so an empty one is a rule stored without it).
     */
    private StoredDecision withSources(StoredDecision decision) {
        if (decision.rules().stream().noneMatch(rule -> rule.source().isEmpty())) {
            return decision;
        }
        Map<String, String> policySources = sources.of(decision.policy());
        return decision.withRules(decision.rules().stream()
                .map(rule -> !rule.source().isEmpty() ? rule : new RuleResult(rule.rule(), rule.outcome(),
                        rule.arguments(), policySources.getOrDefault(rule.rule(), ""), rule.nextAllowedAt()))
                .toList());
    }
}
