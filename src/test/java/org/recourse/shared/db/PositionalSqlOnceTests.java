package org.recourse.shared.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlProvider;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

class PositionalSqlOnceTests {

    private final PositionalSqlOnce template = new PositionalSqlOnce(new JdbcTemplate());

    @Test
    void aStatementIsTurnedPositionalOnceAndTheSameTextIsUsedAgain() {
        ParsedSql parsed = NamedParameterUtils.parseSqlStatement(
                "select * from t where a = :a and b = cast(:b as uuid) and c = :a");
        String first = sql(parsed, new MapSqlParameterSource("a", 1).addValue("b", "x"));
        String second = sql(parsed, new MapSqlParameterSource("a", 2).addValue("b", null));
        assertThat(first).isEqualTo("select * from t where a = ? and b = cast(? as uuid) and c = ?");
        assertThat(second).isSameAs(first);
    }

    @Test
    void aListIsStillExpandedToItsLength() {
        ParsedSql parsed = NamedParameterUtils.parseSqlStatement("select * from t where a = :a and id in (:ids)");
        assertThat(sql(parsed, new MapSqlParameterSource("a", 1).addValue("ids", List.of(1, 2, 3))))
                .isEqualTo("select * from t where a = ? and id in (?, ?, ?)");
        assertThat(sql(parsed, new MapSqlParameterSource("a", 1).addValue("ids", List.of(4))))
                .isEqualTo("select * from t where a = ? and id in (?)");
        // The same statement without a list afterwards is not answered with a list's text.
        assertThat(sql(parsed, new MapSqlParameterSource("a", 1).addValue("ids", 4)))
                .isEqualTo("select * from t where a = ? and id in (?)");
    }

    private String sql(ParsedSql parsed, SqlParameterSource values) {
        Object[] arguments = NamedParameterUtils.buildValueArray(parsed, values, null);
        return ((SqlProvider) template.getPreparedStatementCreatorFactory(parsed, values)
                .newPreparedStatementCreator(arguments)).getSql();
    }
}
