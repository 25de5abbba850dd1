package org.recourse.cases;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.recourse.shared.PersonalDataCipher;
import org.recourse.shared.db.BulkMemory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores validated accounts in bulk, the way PERFORMANCE.md measured to be fastest: rows stream through
 * {@code COPY} into an unindexed staging table, then a few set-based statements merge them into the
 * indexed tables (borrowers de-duplicated by keyed hash of the ID number; accounts upserted by
 * institution and account reference; the previous values of a changed account kept as history).
 * A load runs inside the caller's transaction, so a failed batch leaves nothing behind.
 */
@Service
public class AccountLoading {

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final Clock clock;
    private final SettingsStore settings;

    AccountLoading(DataSource dataSource, JdbcClient jdbc, PersonalDataCipher cipher, Clock clock,
            SettingsStore settings) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Starts a load for one institution's batch; add the records, then {@link LoadSession#finish()}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public LoadSession begin(UUID institution, UUID batch) {
        // The merge sorts and hashes the whole batch: give it memory rather than temporary files.
        BulkMemory.forThisTransaction(jdbc);
        jdbc.sql(StagingSql.LOCK_INSTITUTION).param("institution", institution.toString()).query().singleRow();
        boolean first = jdbc.sql(StagingSql.FIRST_LOAD).param("institution", institution).query(Boolean.class).single();
        if (!first) {
            jdbc.sql(StagingSql.CREATE_STAGE).update();
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            PGConnection postgres = connection.unwrap(PGConnection.class);
            CopyRows rows = new CopyRows(cipher);
            return first ? new DirectLoad(postgres, rows, jdbc, institution, batch, clock.instant())
                    : new StagedLoad(postgres, rows, jdbc, institution, batch, clock.instant(), settings.of(institution));
        } catch (SQLException e) {
            throw new IllegalStateException("Bulk loading needs a PostgreSQL connection", e);
        }
    }
}
