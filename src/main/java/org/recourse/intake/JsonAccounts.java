package org.recourse.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the JSON array of {@code POST /api/v1/intake/accounts} into the CSV the file path reads, so that
 * both ways in share one reader, one validator and one load. Field names are the template's, in camelCase
 * ({@code accountRef}) or as in the file ({@code account_ref}); unknown fields become ignored columns.
 */
final class JsonAccounts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonAccounts() {
    }

    static byte[] toCsv(byte[] body, int maxAccounts) {
        JsonNode accounts;
        try {
            accounts = JSON.readTree(body);
        } catch (JacksonException e) {
            throw IntakeProblem.malformedJson();
        }
        if (accounts == null || !accounts.isArray()) {
            throw IntakeProblem.notAnArrayOfAccounts();
        }
        if (accounts.isEmpty()) {
            throw IntakeProblem.emptyFile();
        }
        if (accounts.size() > maxAccounts) {
            throw IntakeProblem.tooManyAccounts(maxAccounts);
        }
        Set<String> fields = new LinkedHashSet<>();
        for (JsonNode account : accounts) {
            if (!account.isObject()) {
                throw IntakeProblem.notAnArrayOfAccounts();
            }
            fields.addAll(account.propertyNames());
        }
        ByteArrayOutputStream csv = new ByteArrayOutputStream(body.length);
        try (CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(csv, StandardCharsets.UTF_8), CSVFormat.RFC4180)) {
            printer.printRecord(fields);
            for (JsonNode account : accounts) {
                List<String> cells = new ArrayList<>(fields.size());
                for (String field : fields) {
                    cells.add(cell(account.get(field)));
                }
                printer.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return csv.toByteArray();
    }

    static String sha256(byte[] body) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cell(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(part -> parts.add(cell(part)));
            return String.join(";", parts);
        }
        if (value.isNumber()) {
            return value.decimalValue().toPlainString();
        }
        return value.isValueNode() ? value.asString() : value.toString();
    }
}
