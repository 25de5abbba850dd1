package org.recourse.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** Values written in COPY's binary format read back from PostgreSQL as what was written. */
class CopyTuplesTests {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void numbersOfEveryShapeArriveExactly() throws Exception {
        Random random = new Random(11);
        List<BigDecimal> values = new ArrayList<>(List.of(BigDecimal.ZERO, new BigDecimal("0.00"),
                new BigDecimal("12345.60"), new BigDecimal("-12345.60"), new BigDecimal("100.00"), new BigDecimal("0.05"),
                new BigDecimal("0.00005"), new BigDecimal("10000"), new BigDecimal("1E+3"), new BigDecimal("9999.9999"),
                new BigDecimal("999999999999999.9999"), new BigDecimal("123456789012345678901234567890.123456789"),
                new BigDecimal("-0.0001"), new BigDecimal("20000.10")));
        for (int i = 0; i < 5_000; i++) {
            BigInteger unscaled = new BigInteger(1 + random.nextInt(90), random);
            values.add(new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), random.nextInt(12)));
        }
        CopyTuples tuples = new CopyTuples(64).header();
        for (int i = 0; i < values.size(); i++) {
            tuples.tuple(2).integer(i).numeric(values.get(i));
        }
        tuples.trailer();

        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            jdbc.sql("create temp table amounts (i integer, n numeric)").update();
            copy(connection, "copy amounts from stdin (format binary)", tuples);
            List<BigDecimal> read = jdbc.sql("select n from amounts order by i").query(BigDecimal.class).list();

            assertThat(read).hasSameSizeAs(values);
            for (int i = 0; i < values.size(); i++) {
                BigDecimal expected = values.get(i).scale() < 0 ? values.get(i).setScale(0) : values.get(i);
                // Equal value and the same scale: PostgreSQL keeps the display scale it was given.
                assertThat(read.get(i)).as("value %s", values.get(i)).isEqualTo(expected);
            }
        }
    }

    @Test
    void idsTextDatesAndBytesArriveAsWritten() throws Exception {
        UUID id = UUID.randomUUID();
        byte[] hash = new byte[32];
        new Random(3).nextBytes(hash);
        CopyTuples tuples = new CopyTuples(16).header();
        tuples.tuple(7).uuid(id).text("张三 O'Brien \"引号\", \\ 😀").text(null).text("").date(LocalDate.of(1999, 12, 31))
                .bytea(hash).bigint(Long.MIN_VALUE);
        tuples.tuple(7).uuid(id).text("CNY").text("x").text("y").date(LocalDate.of(2026, 11, 25)).bytea(new byte[0])
                .bigint(42);
        tuples.trailer();

        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            jdbc.sql("create temp table mixed (u uuid, t text, n text, e text, d date, b bytea, l bigint)").update();
            copy(connection, "copy mixed from stdin (format binary)", tuples);
            List<Object[]> rows = jdbc.sql("select u, t, n, e, d, b, l from mixed order by l")
                    .query((rs, row) -> new Object[] {rs.getObject(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, LocalDate.class), rs.getBytes(6), rs.getLong(7)})
                    .list();

            assertThat(rows.get(0)).containsExactly(id, "张三 O'Brien \"引号\", \\ 😀", null, "", LocalDate.of(1999, 12, 31),
                    hash, Long.MIN_VALUE);
            assertThat(rows.get(1)).containsExactly(id, "CNY", "x", "y", LocalDate.of(2026, 11, 25), new byte[0], 42L);
        }
    }

    private static void copy(Connection connection, String sql, CopyTuples tuples) throws Exception {
        CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        in.writeToCopy(tuples.bytes(), 0, tuples.length());
        in.endCopy();
    }
}
