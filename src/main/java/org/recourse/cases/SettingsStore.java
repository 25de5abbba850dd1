package org.recourse.cases;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Institutions' delinquency settings; an institution that never changed them has the defaults. */
@Repository
class SettingsStore {

    private static final TypeReference<List<BucketBands.Band>> BANDS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    SettingsStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    DelinquencySettings of(UUID institution) {
        return jdbc.sql("select zone_id, bands::text from cases.institution_settings where institution_id = :institution")
                .param("institution", institution)
                .query((row, n) -> new DelinquencySettings(ZoneId.of(row.getString("zone_id")),
                        new BucketBands(json.readValue(row.getString("bands"), BANDS))))
                .optional()
                .orElseGet(DelinquencySettings::standard);
    }

    void save(UUID institution, DelinquencySettings settings, UUID by, Instant at) {
        jdbc.sql("""
                insert into cases.institution_settings (institution_id, zone_id, bands, updated_at, updated_by)
                values (:institution, :zone, cast(:bands as jsonb), :at, :by)
                on conflict (institution_id) do update
                   set zone_id = excluded.zone_id, bands = excluded.bands, updated_at = excluded.updated_at,
                       updated_by = excluded.updated_by
                """)
                .param("institution", institution).param("zone", settings.zone().getId())
                .param("bands", json.writeValueAsString(settings.bands().bands()))
                .param("at", at.atOffset(ZoneOffset.UTC)).param("by", by)
                .update();
    }
}
