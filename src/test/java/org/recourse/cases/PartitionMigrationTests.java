package org.recourse.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Databases loaded before version 5 (demo data in {@code ./data}, real tenants) keep every borrower and
 * account when the tables become partitioned per institution and the hashes become bytes.
 */
class PartitionMigrationTests {

    private static final String HASH = "ab".repeat(32);

    @Test
    void movesAccountsLoadedBeforeVersionFiveIntoPartitionsOfTheirInstitution() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            var dataSource = postgres.getPostgresDatabase();
            migrate(dataSource, "4");
            JdbcClient jdbc = JdbcClient.create(dataSource);
            UUID institution = UUID.randomUUID();
            UUID borrower = UUID.randomUUID();
            UUID account = UUID.randomUUID();
            jdbc.sql("""
                    insert into cases.borrower values (:id, :institution, :hash, 'k:identity', :hash, now(), now())
                    """).param("id", borrower).param("institution", institution).param("hash", HASH).update();
            jdbc.sql("""
                    insert into cases.account values (:id, :institution, 'LN-1', :borrower, '消费贷', 'k:contacts', :hash,
                        '广东省', '深圳市', null, 'CNY', 1000, 12, date '2025-01-01', date '2025-03-01', 800, 10, 0, 0,
                        :hash, :batch, :batch, now(), now())
                    """).param("id", account).param("institution", institution).param("borrower", borrower)
                    .param("hash", HASH).param("batch", UUID.randomUUID()).update();
            jdbc.sql("""
                    insert into cases.account_history (account_id, institution_id, batch_id, replaced_at, previous)
                    values (:account, :institution, :batch, now(), '{}')
                    """).param("account", account).param("institution", institution).param("batch", UUID.randomUUID())
                    .update();

            migrate(dataSource, "latest");

            String suffix = institution.toString().replace("-", "");
            assertThat(jdbc.sql("select count(*) from cases.account_" + suffix).query(Long.class).single()).isOne();
            assertThat(jdbc.sql("select count(*) from cases.borrower_" + suffix).query(Long.class).single()).isOne();
            byte[] mobileHash = jdbc.sql("select mobile_hash from cases.account where institution_id = :institution")
                    .param("institution", institution).query(byte[].class).single();
            assertThat(HexFormat.of().formatHex(mobileHash)).isEqualTo(HASH);
            List<String> partitions = jdbc.sql("""
                    select inhrelid::regclass::text from pg_inherits where inhparent = 'cases.account'::regclass
                    """).query(String.class).list();
            assertThat(partitions).containsExactly("cases.account_" + suffix);
            // History still points at its account, now through the partitioned key.
            assertThat(jdbc.sql("""
                    select count(*) from cases.account_history h
                      join cases.account a on a.institution_id = h.institution_id and a.id = h.account_id
                    """).query(Long.class).single()).isOne();
        }
    }

    private static void migrate(javax.sql.DataSource dataSource, String target) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(target).load().migrate();
    }
}
