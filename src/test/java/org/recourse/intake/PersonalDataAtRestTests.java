package org.recourse.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.intake.IntakeApiFixtures.column;
import static org.recourse.intake.IntakeApiFixtures.csv;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.intake.IntakeApiFixtures.Answer;
import org.recourse.intake.IntakeApiFixtures.BatchError;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * ID numbers, phone numbers, names and addresses are stored encrypted: a dump of every table of the database finds
 * none of a loaded file's values in plain text, neither of the accounts taken in nor of the rows refused. What the
 * API and the pages show of refused values is masked.
 */
@RecourseTest
class PersonalDataAtRestTests {

    private static final int ROWS = 200;
    /** One row in ten is bad, so every kind of refusal (and its stored, masked value) is in the file. */
    private static final double BAD = 0.1;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void keepsNoLoadedPersonalDataInPlainTextAnywhereInTheDatabase() {
        IntakeApiFixtures intake = new IntakeApiFixtures(port, jdbc);
        Registration institution = intake.institution();
        SampleAccounts sample = intake.sample(17);
        List<List<String>> rows = rows(sample);

        JsonNode batch = intake.load(institution.admin(), "people.csv", csv(rows));

        assertThat(batch.path("status").asString()).as(batch.toString()).isEqualTo("COMPLETED");
        assertThat(batch.path("acceptedRows").asLong()).isEqualTo(sample.expected(ROWS, BAD).valid());
        assertThat(intake.accounts(institution.id())).isEqualTo(sample.expected(ROWS, BAD).valid());
        String dump = dump();
        // The dump does see this test's data: the batch and the institution are there.
        assertThat(dump).contains(batch.path("batchId").asString(), institution.id().toString());
        Set<String> personal = personalValues(rows);
        assertThat(personal).hasSizeGreaterThan(ROWS * 3);
        List<String> found = personal.stream().filter(dump::contains).toList();
        assertThat(found).as("personal data in plain text in the database").isEmpty();
    }

    @Test
    void showsRefusedIdNumbersAndPhonesOnlyMasked() {
        IntakeApiFixtures intake = new IntakeApiFixtures(port, jdbc);
        Registration institution = intake.institution();
        Login admin = institution.admin();
        SampleAccounts sample = intake.sample(19);
        List<List<String>> rows = rows(sample);
        JsonNode batch = intake.load(admin, "people.csv", csv(rows));
        UUID batchId = UUID.fromString(batch.path("batchId").asString());
        Set<String> personal = personalValues(rows);

        List<BatchError> errors = intake.errorList(admin, batchId);
        Answer chinese = intake.errors(admin, batchId, "zh-CN");
        Answer english = intake.errors(admin, batchId, "en");
        String page = IntakePageSession.signedIn(port, admin).text("/intake/batches/" + batchId).body();

        assertThat(errors).extracting(BatchError::code)
                .contains("id_number.format", "id_number.checksum", "id_number.birth_date", "id_number.region",
                        "mobile.format", "phone.format");
        assertThat(errors)
                .filteredOn(error -> error.code().startsWith("id_number.") || error.code().endsWith("phone.format")
                        || error.code().equals("mobile.format"))
                .allSatisfy(error -> assertThat(error.message()).as(error.code()).contains("****"));
        for (String shown : List.of(chinese.raw(), english.raw(), page)) {
            assertThat(personal.stream().filter(shown::contains).toList()).isEmpty();
        }
        assertThat(page).contains("id=\"errors\"");
    }

    private static List<List<String>> rows(SampleAccounts sample) {
        List<List<String>> rows = new ArrayList<>();
        for (long index = 1; index <= ROWS; index++) {
            rows.add(sample.row(index, sample.badRowAt(index, BAD)));
        }
        return rows;
    }

    /** Every ID number, phone number, name and address of the file, as written and as the intake normalises them. */
    private static Set<String> personalValues(List<List<String>> rows) {
        Set<String> values = new LinkedHashSet<>();
        for (List<String> row : rows) {
            for (String name : List.of("id_number", "mobile", "borrower_name", "address", "emergency_contact_name",
                    "emergency_contact_phone")) {
                values.add(row.get(column(name)).strip());
            }
            for (String phone : row.get(column("other_phones")).split(";")) {
                values.add(phone.strip());
            }
        }
        values.remove("");
        return values;
    }

    /** The whole database as text: every row of every table outside PostgreSQL's own schemas. */
    private String dump() {
        List<String> tables = jdbc.sql("""
                select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables
                 where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
                   and table_schema not like 'pg_toast%' and table_schema not like 'pg_temp%'
                """).query(String.class).list();
        assertThat(tables).contains("cases.account", "cases.borrower", "cases.account_history", "intake.batch",
                "intake.batch_error", "intake.rejected_row");
        assertThat(tables).anyMatch(table -> table.startsWith("audit.")).anyMatch(table -> table.startsWith("registry."));
        StringBuilder dump = new StringBuilder();
        for (String table : tables) {
            dump.append(table).append('\n').append(jdbc.sql("select coalesce(string_agg(t::text, E'\\n'), '') from "
                    + table + " t").query(String.class).single()).append('\n');
        }
        return dump.toString();
    }
}
