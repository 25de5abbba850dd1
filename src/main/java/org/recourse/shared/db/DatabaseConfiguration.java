package org.recourse.shared.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.recourse.shared.RecourseProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * PostgreSQL everywhere (ARCHITECTURE.md): an external server when {@code RECOURSE_DB_URL} is set,
 * otherwise real PostgreSQL 15 binaries started in-process, with their data under {@code ./data/postgres}
 * so that a restart keeps everything. Tests ask for an ephemeral cluster in a temporary directory.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    /** Spring Boot's JdbcClient is built on this one (it backs off from its own). */
    @Bean
    NamedParameterJdbcTemplate namedParameterJdbcTemplate(JdbcTemplate jdbc) {
        return new PositionalSqlOnce(jdbc);
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(RecourseProperties properties) throws IOException {
        RecourseProperties.Db db = properties.db();
        if (db.external()) {
            return pool(db.url(), db.user(), db.password(), null);
        }
        EmbeddedPostgres postgres = startEmbedded(properties);
        return pool(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null, postgres);
    }

    private static EmbeddedPostgres startEmbedded(RecourseProperties properties) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "50")
                .setServerConfig("timezone", "UTC")
                // zonky turns synchronous commit off (a test database's choice). Here a committed compliance
                // decision or contact attempt must survive a crash of the machine, as on any real server.
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("wal_level", "minimal")
                .setServerConfig("max_wal_senders", "0");
        if (!properties.db().ephemeral()) {
            Path directory = properties.dataDir().resolve("postgres").toAbsolutePath();
            Files.createDirectories(directory);
            builder.setDataDirectory(directory).setCleanDataDirectory(false);
            log.info("Embedded PostgreSQL keeps its data in {}", directory);
        }
        return builder.start();
    }

    private static HikariDataSource pool(String url, String user, String password, EmbeddedPostgres owned) {
        HikariDataSource pool = owned == null ? new HikariDataSource() : new EmbeddedPool(owned);
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaximumPoolSize(10);
        pool.setPoolName("recourse");
        return pool;
    }

    /** A pool that stops the embedded server it reads from when the application stops. */
    private static final class EmbeddedPool extends HikariDataSource {

        private final EmbeddedPostgres postgres;

        EmbeddedPool(EmbeddedPostgres postgres) {
            this.postgres = postgres;
        }

        @Override
        public void close() {
            super.close();
            try {
                postgres.close();
            } catch (IOException e) {
                log.warn("Embedded PostgreSQL did not stop cleanly", e);
            }
        }
    }
}
