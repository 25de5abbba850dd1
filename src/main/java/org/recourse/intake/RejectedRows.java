package org.recourse.intake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.recourse.shared.PersonalDataCipher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rows a batch refused: each error (row, column, code, masked value) for the report, and the row
 * itself, encrypted, so the uploader can download, fix and resend exactly those rows.
 */
@Repository
class RejectedRows {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int INSERT_CHUNK = 1_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final PersonalDataCipher cipher;

    RejectedRows(JdbcClient jdbc, JdbcTemplate template, PersonalDataCipher cipher) {
        this.jdbc = jdbc;
        this.template = template;
        this.cipher = cipher;
    }

    /** Clears what an interrupted earlier run of the batch may have left. */
    void forget(UUID batch) {
        jdbc.sql("delete from intake.batch_error where batch_id = :batch").param("batch", batch).update();
        jdbc.sql("delete from intake.rejected_row where batch_id = :batch").param("batch", batch).update();
    }

    Collector collector(UUID batch, HeaderMapping mapping, int maxRows) {
        return new Collector(batch, mapping, maxRows);
    }

    /** One error as stored: its masked value, never the raw one. */
    record StoredError(long row, String field, String code, String maskedValue) {
    }

    List<StoredError> errors(UUID batch, int limit) {
        return jdbc.sql("""
                select row_number, field, code, coalesce(masked_value, '') as masked_value from intake.batch_error
                 where batch_id = :batch order by row_number, field limit :limit
                """)
                .param("batch", batch).param("limit", limit)
                .query((row, n) -> new StoredError(row.getLong("row_number"), row.getString("field"),
                        row.getString("code"), row.getString("masked_value")))
                .list();
    }

    /** The rejected rows in clear, in row order, each with its cells by template column name. */
    void forEachRow(UUID batch, Consumer<Rejected> action) {
        jdbc.sql("select row_number, cells_enc from intake.rejected_row where batch_id = :batch order by row_number")
                .param("batch", batch)
                .query((row, n) -> new Rejected(row.getLong("row_number"),
                        JSON.readValue(cipher.decrypt(row.getString("cells_enc")),
                                new TypeReference<LinkedHashMap<String, String>>() { })))
                .stream().forEach(action);
    }

    /** A rejected row as sent, keyed by template column (English name). */
    record Rejected(long row, Map<String, String> cells) {
    }

    /** Gathers a batch's rejections while it is read, and stores them in bulk at the end. */
    final class Collector {

        private final UUID batch;
        private final HeaderMapping mapping;
        private final int maxRows;
        private final List<Object[]> errorRows = new ArrayList<>();
        private final List<Object[]> rows = new ArrayList<>();

        private Collector(UUID batch, HeaderMapping mapping, int maxRows) {
            this.batch = batch;
            this.mapping = mapping;
            this.maxRows = maxRows;
        }

        void add(long rowNumber, List<String> cells, List<RowError> errors) {
            if (rows.size() >= maxRows) {
                return;
            }
            Map<String, String> row = new LinkedHashMap<>();
            mapping.cells(cells).forEach((column, value) -> row.put(column.english(), value));
            rows.add(new Object[] {batch, rowNumber, cipher.encrypt(JSON.writeValueAsString(row))});
            for (RowError error : errors) {
                errorRows.add(new Object[] {batch, rowNumber, error.column().english(), error.code(), error.maskedValue()});
            }
        }

        void store() {
            insert("insert into intake.rejected_row (batch_id, row_number, cells_enc) values (?, ?, ?)", rows);
            insert("insert into intake.batch_error (batch_id, row_number, field, code, masked_value) "
                    + "values (?, ?, ?, ?, ?) on conflict do nothing", errorRows);
        }

        private void insert(String sql, List<Object[]> values) {
            for (int from = 0; from < values.size(); from += INSERT_CHUNK) {
                template.batchUpdate(sql, values.subList(from, Math.min(values.size(), from + INSERT_CHUNK)));
            }
        }
    }
}
