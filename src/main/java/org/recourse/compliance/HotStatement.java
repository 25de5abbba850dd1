package org.recourse.compliance;

import java.util.List;

import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.PreparedStatementCreatorFactory;
import org.springframework.jdbc.core.SqlParameter;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * A statement on a decision's path, written with named parameters and turned into JDBC's positional form once.
 * {@code NamedParameterJdbcTemplate} builds that form again on every call, a new string of a few kilobytes each
 * time, which the driver's statement cache then hashes and compares in full to find its prepared statement; the one
 * string kept here is found by identity with its hash cached. Only for statements without list parameters (a list
 * would change the number of placeholders).
 */
final class HotStatement {

    private final ParsedSql parsed;
    private final String sql;

    HotStatement(String namedSql) {
        this.parsed = NamedParameterUtils.parseSqlStatement(namedSql);
        this.sql = NamedParameterUtils.substituteNamedParameters(parsed, null);
    }

    /** The statement with these values bound in place of its named parameters. */
    PreparedStatementCreator with(SqlParameterSource values) {
        Object[] arguments = NamedParameterUtils.buildValueArray(parsed, values, null);
        List<SqlParameter> declared = NamedParameterUtils.buildSqlParameterList(parsed, values);
        return new PreparedStatementCreatorFactory(sql, declared).newPreparedStatementCreator(arguments);
    }
}
