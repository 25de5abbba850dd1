package org.recourse.daily;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The right to run one business date's run: a PostgreSQL session-level advisory lock, held on a connection
 * of its own for as long as the run goes on. A node that dies loses its connection and with it the lock, so
 * another node can take the run up; while the node lives, no other session can take it.
 */
final class RunLock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunLock.class);
    /** First key of the two-key advisory lock: "DALY", so that other modules' advisory locks never collide. */
    private static final int NAMESPACE = 0x44414C59;
    private static final int VALID_TIMEOUT_SECONDS = 5;

    private final DataSource dataSource;
    private final Connection connection;
    private final int key;

    private RunLock(DataSource dataSource, Connection connection, int key) {
        this.dataSource = dataSource;
        this.connection = connection;
        this.key = key;
    }

    /**
     * Takes the lock for the date's run, or answers null at once when another session holds it. The second
     * key is the date's epoch day: a run per business date, so one key per run and no collisions.
     */
    static @Nullable RunLock tryTake(DataSource dataSource, LocalDate businessDate) throws SQLException {
        int key = Math.toIntExact(businessDate.toEpochDay());
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(true);
            if (call(connection, "select pg_try_advisory_lock(?, ?)", key)) {
                return new RunLock(dataSource, connection, key);
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return null;
    }

    /** Whether the session holding the lock is still alive (if it is not, another node may hold the lock now). */
    boolean held() {
        try {
            return connection.isValid(VALID_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        boolean released = false;
        try {
            released = call(connection, "select pg_advisory_unlock(?, ?)", key);
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not release the daily run lock {}: {}", key, e.getClass().getName());
        }
        if (!released) {
            // A pooled connection would keep the session, and with it the lock: close it for good instead.
            evict();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("Could not close the daily run lock's connection: {}", e.getClass().getName());
        }
    }

    private void evict() {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
            } else {
                connection.abort(Runnable::run);
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not evict the daily run lock's connection: {}", e.getClass().getName());
        }
    }

    private static boolean call(Connection connection, String sql, int key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, NAMESPACE);
            statement.setInt(2, key);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
