package org.recourse.compliance;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The institutions' overlays over their packs, every version kept. */
@Repository
class PolicyStore {

    private final JdbcClient jdbc;
    private final PolicyPacks packs;
    private final JsonMapper json = JsonMapper.builder().build();
    /** By institution: one entry each, a few hundred at most. */
    private final Map<UUID, Policy> recent = new ConcurrentHashMap<>();

    PolicyStore(JdbcClient jdbc, PolicyPacks packs) {
        this.jdbc = jdbc;
        this.packs = packs;
    }

    /** An overlay version as stored. */
    record Overlay(int version, String pack, Map<PolicyParameter, Object> overrides, String reason, UUID changedBy,
            Instant changedAt) {
    }

    Optional<Overlay> latest(UUID institution) {
        return jdbc.sql("""
                select version, pack, overrides, reason, changed_by, changed_at from compliance.policy_overlay
                 where institution_id = :institution order by version desc limit 1
                """).param("institution", institution)
                .query((row, n) -> new Overlay(row.getInt("version"), row.getString("pack"),
                        overrides(json.readTree(row.getString("overrides"))), row.getString("reason"),
                        row.getObject("changed_by", UUID.class), row.getTimestamp("changed_at").toInstant()))
                .optional();
    }

    /**
     * The policy as this instance last read it, for decisions: each checks it against the overlay version stored
     * (read with the ledger, no round trip of its own) and calls {@link #reread} when another took its place.
     */
    Policy remembered(UUID institution) {
        Policy policy = recent.get(institution);
        return policy != null ? policy : reread(institution);
    }

    Policy reread(UUID institution) {
        Policy policy = policyOf(institution);
        recent.put(institution, policy);
        return policy;
    }

    /** The policy an institution's decisions apply now. */
    Policy policyOf(UUID institution) {
        return latest(institution)
                .map(overlay -> new Policy(packs.get(overlay.pack()), overlay.version(), overlay.overrides()))
                .orElseGet(() -> new Policy(packs.get(PolicyPacks.DEFAULT_PACK), 0, Map.of()));
    }

    /** The rule-id prefix of a pack, for decisions stored under it. */
    String prefixOf(String pack) {
        return packs.find(pack).map(PolicyPack::rulePrefix).orElse(pack);
    }

    /** Writes the next version; false when another change took that version first. */
    boolean save(UUID institution, int version, String pack, Map<PolicyParameter, Object> overrides, String reason,
            UUID actor, Instant at) {
        Map<String, Object> stored = new java.util.TreeMap<>();
        overrides.forEach((parameter, value) -> stored.put(parameter.key(), PolicyParameter.display(value)));
        try {
            jdbc.sql("""
                    insert into compliance.policy_overlay (institution_id, version, pack, overrides, reason, changed_by, changed_at)
                    values (:institution, :version, :pack, cast(:overrides as jsonb), :reason, :actor, :at)
                    """).param("institution", institution).param("version", version).param("pack", pack)
                    .param("overrides", json.writeValueAsString(stored)).param("reason", reason).param("actor", actor)
                    .param("at", at.atOffset(ZoneOffset.UTC)).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    private static Map<PolicyParameter, Object> overrides(JsonNode node) {
        Map<PolicyParameter, Object> overrides = new EnumMap<>(PolicyParameter.class);
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            PolicyParameter parameter = PolicyParameter.byKey(entry.getKey())
                    .orElseThrow(() -> new IllegalStateException("Stored overlay names unknown parameter " + entry.getKey()));
            overrides.put(parameter, parameter.read(entry.getValue())
                    .orElseThrow(() -> new IllegalStateException("Stored overlay value of " + entry.getKey() + " is malformed")));
        }
        return java.util.Collections.unmodifiableMap(overrides);
    }
}
