package org.recourse.shared.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.SqlParameter;
import org.springframework.jdbc.core.SqlProvider;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;

/**
 * A statement written with named parameters, turned into JDBC's positional form once, whose values are bound straight
 * to the driver's setters by position. For the few statements run on every request of a hot path (a compliance
 * decision's read and insert): Spring's named-parameter template builds a parameter source, a parameter list, a
 * statement creator and a type lookup per value on every call (≈ 12 % of the platform's samples in a profile of the
 * decision path; bound this way, the platform spent ≈ 4 % less CPU per decision, docs/performance.md P8). Everything
 * else keeps {@code JdbcClient}.
 *
 * <p>Values are given by name ({@link Values#set}); a name used several times in the statement is bound at each of its
 * places. A value left unset is an error, not a silent null. Supported values: {@code String}, {@code UUID},
 * {@code Integer}, {@code Long}, {@code Boolean}, {@code byte[]}, {@code LocalDate}, {@code LocalDateTime} and
 * {@code OffsetDateTime}; a null needs its SQL type.
 */
public final class PositionalStatement {

    private final String sql;
    private final List<String> names;
    /** Each name's index in {@link #names}: looked up for every value of every execution. */
    private final Map<String, Integer> indexes;
    /** For each placeholder of {@link #sql}, in order, the index of its name in {@link #names}. */
    private final int[] slots;

    private PositionalStatement(String sql, List<String> names, int[] slots) {
        this.sql = sql;
        this.names = names;
        this.indexes = IntStream.range(0, names.size()).boxed()
                .collect(Collectors.toUnmodifiableMap(names::get, Function.identity()));
        this.slots = slots;
    }

    /** The statement with {@code :name} parameters (Spring's syntax: {@code ::} casts are left alone). */
    public static PositionalStatement of(String namedSql) {
        ParsedSql parsed = NamedParameterUtils.parseSqlStatement(namedSql);
        List<String> occurrences = NamedParameterUtils.buildSqlParameterList(parsed, new MapSqlParameterSource())
                .stream().map(SqlParameter::getName).toList();
        List<String> names = occurrences.stream().distinct().toList();
        int[] slots = occurrences.stream().mapToInt(names::indexOf).toArray();
        return new PositionalStatement(NamedParameterUtils.substituteNamedParameters(parsed, null), names, slots);
    }

    /** The positional text (one string, always the same: the driver finds its prepared statement by identity). */
    public String sql() {
        return sql;
    }

    /** A fresh set of values for one execution. */
    public Values values() {
        return new Values();
    }

    /** One execution's values, by name, and the statement they prepare. */
    public final class Values implements PreparedStatementCreator, SqlProvider {

        private final @Nullable Object[] values = new Object[names.size()];
        private final int[] nullTypes = new int[names.size()];
        private final boolean[] given = new boolean[names.size()];

        private Values() {
        }

        /** The value of a parameter; a null is bound with {@code nullType} (a {@link Types} constant). */
        public Values set(String name, @Nullable Object value, int nullType) {
            Integer index = indexes.get(name);
            if (index == null) {
                throw new IllegalArgumentException("No parameter :" + name + " in the statement");
            }
            values[index] = value;
            nullTypes[index] = nullType;
            given[index] = true;
            return this;
        }

        /** The value of a parameter that is never null. */
        public Values set(String name, Object value) {
            return set(name, value, Types.OTHER);
        }

        @Override
        public PreparedStatement createPreparedStatement(Connection connection) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(sql);
            try {
                for (int position = 0; position < slots.length; position++) {
                    bind(statement, position + 1, slots[position]);
                }
            } catch (SQLException | RuntimeException e) {
                statement.close();
                throw e;
            }
            return statement;
        }

        private void bind(PreparedStatement statement, int position, int index) throws SQLException {
            if (!given[index]) {
                throw new IllegalStateException("No value given for :" + names.get(index));
            }
            Object value = values[index];
            if (value == null) {
                statement.setNull(position, nullTypes[index]);
            } else if (value instanceof String text) {
                statement.setString(position, text);
            } else if (value instanceof UUID || value instanceof LocalDate || value instanceof LocalDateTime
                    || value instanceof OffsetDateTime) {
                statement.setObject(position, value);
            } else if (value instanceof Integer number) {
                statement.setInt(position, number);
            } else if (value instanceof Long number) {
                statement.setLong(position, number);
            } else if (value instanceof Boolean flag) {
                statement.setBoolean(position, flag);
            } else if (value instanceof byte[] bytes) {
                statement.setBytes(position, bytes);
            } else {
                throw new IllegalArgumentException("Cannot bind a " + value.getClass().getName() + " to :"
                        + names.get(index));
            }
        }

        @Override
        public String getSql() {
            return sql;
        }

        @Override
        public String toString() {
            return "PositionalStatement.Values" + names;
        }
    }
}
