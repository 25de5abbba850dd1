package org.recourse.compliance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sources a policy's rules cite, kept once per policy in force rather than in each decision: a rule's source is a
 * function of the policy alone (its pack version's text, and the overlay's mark where the institution tightened the
 * value), and the sources were two thirds of every stored decision — enough to push the row past the size PostgreSQL
 * compresses, on the path every contact takes.
 */
@Repository
class PolicySources {

    /** A policy in force: the institution's pack at a version, under its overlay version (0: none). */
    record PolicyKey(UUID institution, String pack, String packVersion, int overlayVersion) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();
    /** The policies whose sources this instance has seen committed: written once each, not once per decision. */
    private final Set<PolicyKey> stored = ConcurrentHashMap.newKeySet();

    PolicySources(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Makes sure the sources of the rules decided under {@code policy} are stored with the decision, in its
     * transaction (merged with what is there, so a rule seen only now is added). The policy counts as stored once that
     * transaction has committed: rolled back, the next decision writes them again. Not in a transaction of its own,
     * which would hold a second pooled connection per request: the first decisions after a start, all at once, could
     * then take every connection and wait for more.
     */
    void ensure(PolicyKey policy, List<RuleResult> rules) {
        if (stored.contains(policy)) {
            return;
        }
        Map<String, String> sources = new LinkedHashMap<>();
        rules.forEach(rule -> sources.put(rule.rule(), rule.source()));
        jdbc.sql("""
                insert into compliance.policy_source (institution_id, pack, pack_version, overlay_version, sources)
                values (:institution, :pack, :version, :overlay, cast(:sources as jsonb))
                on conflict (institution_id, pack, pack_version, overlay_version)
                do update set sources = compliance.policy_source.sources || excluded.sources
                """).param("institution", policy.institution()).param("pack", policy.pack())
                .param("version", policy.packVersion()).param("overlay", policy.overlayVersion())
                .param("sources", json.writeValueAsString(sources)).update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    stored.add(policy);
                }
            });
        } else {
            stored.add(policy);
        }
    }

    /** The stored sources of a policy by rule name; empty when none were stored (decisions made before V31). */
    Map<String, String> of(PolicyKey policy) {
        return jdbc.sql("""
                select sources from compliance.policy_source
                 where institution_id = :institution and pack = :pack and pack_version = :version
                   and overlay_version = :overlay
                """).param("institution", policy.institution()).param("pack", policy.pack())
                .param("version", policy.packVersion()).param("overlay", policy.overlayVersion())
                .query((row, n) -> {
                    Map<String, String> sources = new LinkedHashMap<>();
                    json.readTree(row.getString("sources")).properties()
                            .forEach(entry -> sources.put(entry.getKey(), entry.getValue().asString()));
                    return sources;
                }).optional().orElse(Map.of());
    }
}
