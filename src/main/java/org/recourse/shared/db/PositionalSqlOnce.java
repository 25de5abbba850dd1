package org.recourse.shared.db;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreatorFactory;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.util.ConcurrentReferenceHashMap;

/**
 * The named-parameter template behind every {@code JdbcClient} and {@code NamedParameterJdbcTemplate} here, which turns
 * a statement into JDBC's positional form once rather than on every call. Spring's caches the parsed statement but
 * builds the positional text anew each time — a new string of up to a few kilobytes, which pgjdbc's statement cache
 * then hashes and compares in full to find its prepared statement (1.4 % of the platform's CPU on the decision path,
 * before). The same string each time is found by identity, its hash kept. A statement with a list parameter
 * ({@code in (:ids)}) is expanded per call as before: its text depends on the list's length.
 */
final class PositionalSqlOnce extends NamedParameterJdbcTemplate {

    /**
     * The positional text of each parsed statement (Spring's bounded cache keeps the parsed statements; a parsed
     * statement is its own key, by identity). Softly referenced: the JVM clears entries long unused or when memory
     * runs short, and one cleared is only computed again.
     */
    private final ConcurrentReferenceHashMap<ParsedSql, String> positional = new ConcurrentReferenceHashMap<>();

    PositionalSqlOnce(JdbcTemplate jdbc) {
        super(jdbc);
    }

    @Override
    protected PreparedStatementCreatorFactory getPreparedStatementCreatorFactory(ParsedSql parsed,
            SqlParameterSource values) {
        if (mayExpandAList(values)) {
            return super.getPreparedStatementCreatorFactory(parsed, values);
        }
        return new PreparedStatementCreatorFactory(
                positional.computeIfAbsent(parsed, p -> NamedParameterUtils.substituteNamedParameters(p, null)),
                NamedParameterUtils.buildSqlParameterList(parsed, values));
    }

    /**
     * Whether a value is a list, which {@link NamedParameterUtils#substituteNamedParameters} expands in place (or the
     * values cannot be listed, so it cannot be told).
     */
    private static boolean mayExpandAList(SqlParameterSource values) {
        String[] names = values.getParameterNames();
        if (names == null) {
            return true;
        }
        for (String name : names) {
            Object value = values.getValue(name);
            if (value instanceof SqlParameterValue wrapped) {
                value = wrapped.getValue();
            }
            if (value instanceof Iterable<?>) {
                return true;
            }
        }
        return false;
    }
}
