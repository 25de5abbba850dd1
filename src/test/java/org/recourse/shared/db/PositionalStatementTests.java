package org.recourse.shared.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.ColumnMapRowMapper;
import org.springframework.jdbc.core.JdbcTemplate;

/** Values bound by position on a real PostgreSQL: every place of a name, each supported type, the mistakes refused. */
class PositionalStatementTests {

    private static EmbeddedPostgres postgres;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Test
    void aNameUsedTwiceIsBoundAtEachOfItsPlacesAndEachTypeArrivesAsItself() {
        PositionalStatement statement = PositionalStatement.of("""
                select :text || '/' || :text as twice, cast(:id as uuid) = :id as same_id, :day + 1 as next_day,
                       :small + :big as sum, (:flag and true) as flag, length(:bytes) as bytes,
                       cast(:none as integer) is null as none_is_null, :at as at, :local as local,
                       cast(:zone as text)::date as cast_kept""");
        assertThat(statement.sql()).startsWith("select ? || '/' || ? as twice, cast(? as uuid) = ? as same_id")
                .contains("cast(? as text)::date");
        UUID id = UUID.randomUUID();
        OffsetDateTime at = OffsetDateTime.of(2026, 11, 27, 2, 0, 0, 0, ZoneOffset.UTC);
        PositionalStatement.Values values = statement.values().set("text", "收款").set("id", id)
                .set("day", LocalDate.of(2026, 2, 28)).set("small", 2).set("big", 40L).set("flag", true)
                .set("bytes", new byte[] {1, 2, 3}).set("none", null, Types.INTEGER).set("at", at)
                .set("local", LocalDateTime.of(2026, 11, 27, 10, 0)).set("zone", "2026-11-27");

        Map<String, Object> row = jdbc.query(values, new ColumnMapRowMapper()).get(0);

        assertThat(row.get("twice")).isEqualTo("收款/收款");
        assertThat(row.get("same_id")).isEqualTo(true);
        assertThat(row.get("next_day").toString()).isEqualTo("2026-03-01");
        assertThat(((Number) row.get("sum")).longValue()).isEqualTo(42L);
        assertThat(row.get("flag")).isEqualTo(true);
        assertThat(row.get("bytes")).isEqualTo(3);
        assertThat(row.get("none_is_null")).isEqualTo(true);
        assertThat(((java.sql.Timestamp) row.get("at")).toInstant()).isEqualTo(at.toInstant());
        assertThat(((java.sql.Timestamp) row.get("local")).toLocalDateTime())
                .isEqualTo(LocalDateTime.of(2026, 11, 27, 10, 0));
        assertThat(row.get("cast_kept").toString()).isEqualTo("2026-11-27");
    }

    @Test
    void everyExecutionSendsTheSameTextSoTheDriverFindsItsPreparedStatement() {
        PositionalStatement statement = PositionalStatement.of("select :a");
        assertThat(statement.values().set("a", 1).getSql()).isSameAs(statement.sql())
                .isSameAs(statement.values().set("a", 2).getSql());
    }

    @Test
    void aValueNotGivenIsAnErrorRatherThanANull() {
        PositionalStatement.Values values = PositionalStatement.of("select :a, :b").values().set("a", 1);
        assertThatThrownBy(() -> jdbc.query(values, new ColumnMapRowMapper()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(":b");
    }

    @Test
    void aNameTheStatementDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> PositionalStatement.of("select :a").values().set("c", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":c");
    }

    @Test
    void aValueOfATypeItDoesNotBindIsRefusedByName() {
        PositionalStatement.Values values = PositionalStatement.of("select :a").values().set("a", 1.5d);
        assertThatThrownBy(() -> jdbc.query(values, new ColumnMapRowMapper()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Double")
                .hasMessageContaining(":a");
    }
}
