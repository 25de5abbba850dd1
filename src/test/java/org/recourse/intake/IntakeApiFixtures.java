package org.recourse.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.recourse.registry.RegistryApiFixtures;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives the intake API over real HTTP: uploads files as multipart (built by hand, as an institution's
 * script would), posts JSON accounts, waits for a batch to finish by polling it, reads its errors, and
 * counts what landed in {@code cases} for one institution. Every test makes its own institution, because
 * all tests share one database.
 */
public final class IntakeApiFixtures {

    /** Where the platform's calendar dates are taken (institutions are in mainland China). */
    public static final ZoneId PLATFORM_ZONE = ZoneId.of("Asia/Shanghai");

    private static final Duration POLL_EVERY = Duration.ofMillis(100);
    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final int port;
    private final JdbcClient jdbc;
    private final RegistryApiFixtures registry;

    public IntakeApiFixtures(int port, JdbcClient jdbc) {
        this.port = port;
        this.jdbc = jdbc;
        this.registry = new RegistryApiFixtures(port);
    }

    /** An HTTP answer with its headers; the body parsed when it is JSON. */
    public record Answer(int status, String raw, JsonNode json, HttpHeaders headers) {

        public String code() {
            return json.path("code").asString();
        }

        public UUID batchId() {
            return UUID.fromString(json.path("batchId").asString());
        }

        /** The {@code Idempotent-Replayed} header: true when an earlier request with the same key made the batch. */
        public boolean replayed() {
            return Boolean.parseBoolean(headers.firstValue("Idempotent-Replayed").orElse("missing"));
        }
    }

    /** One entry of {@code GET /api/v1/intake/batches/{id}/errors}. */
    public record BatchError(long row, String field, String code, String message) {
    }

    public RegistryApiFixtures registry() {
        return registry;
    }

    /** A newly registered and approved institution; its id is the one its accounts are stored under. */
    public Registration institution() {
        return registry.registerApproved("INSTITUTION");
    }

    /** The platform's today in mainland China, from the (settable) platform clock, so no date is in the future. */
    public LocalDate today() {
        return LocalDate.ofInstant(registry.clock(), PLATFORM_ZONE);
    }

    public SampleAccounts sample(long seed) {
        return new SampleAccounts(seed, today());
    }

    // --- requests ------------------------------------------------------------------------------------

    /** {@code POST /api/v1/intake/files} with {@code content} as the multipart field {@code file}. */
    public Answer upload(Login login, String fileName, byte[] content, @Nullable String idempotencyKey) {
        String boundary = "----recourse-test-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 512);
        body.writeBytes(("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = request("/api/v1/intake/files", login)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    public Answer upload(Login login, Path file) {
        return upload(login, file.getFileName().toString(), read(file), null);
    }

    /** {@code POST /api/v1/intake/accounts} with {@code json} sent as is. */
    public Answer postAccounts(Login login, String json, @Nullable String idempotencyKey) {
        HttpRequest.Builder request = request("/api/v1/intake/accounts", login)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    public Answer get(String path, Login login) {
        return send(request(path, login).GET());
    }

    public Answer batch(Login login, UUID batch) {
        return get("/api/v1/intake/batches/" + batch, login);
    }

    /** The batch's errors as the API gives them, with messages in {@code language} ({@code en} or {@code zh-CN}). */
    public Answer errors(Login login, UUID batch, String language) {
        return send(request("/api/v1/intake/batches/" + batch + "/errors", login)
                .header("Accept-Language", language).GET());
    }

    public List<BatchError> errorList(Login login, UUID batch) {
        Answer answer = errors(login, batch, "en");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        List<BatchError> errors = new ArrayList<>();
        answer.json().forEach(error -> errors.add(new BatchError(error.path("row").asLong(),
                error.path("field").asString(), error.path("code").asString(), error.path("message").asString())));
        return errors;
    }

    // --- batches -------------------------------------------------------------------------------------

    /** Waits (checking every 100 ms, at most 30 s) until the batch is COMPLETED or FAILED, and returns it. */
    public JsonNode awaitBatch(Login login, UUID batch) {
        AtomicReference<Answer> last = new AtomicReference<>();
        Awaitility.await("batch " + batch + " to finish")
                .atMost(BATCH_TIMEOUT).pollInterval(POLL_EVERY)
                .until(() -> {
                    Answer answer = batch(login, batch);
                    assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
                    last.set(answer);
                    String status = answer.json().path("status").asString();
                    return status.equals("COMPLETED") || status.equals("FAILED");
                });
        return last.get().json();
    }

    /** Uploads a file, expects 202, and waits for the batch to finish. */
    public JsonNode load(Login login, String fileName, byte[] content) {
        Answer answer = upload(login, fileName, content, null);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(202);
        return awaitBatch(login, answer.batchId());
    }

    public JsonNode load(Login login, Path file) {
        return load(login, file.getFileName().toString(), read(file));
    }

    /** Posts accounts as JSON, expects 202, and waits for the batch to finish. */
    public JsonNode loadAccounts(Login login, String json) {
        Answer answer = postAccounts(login, json, null);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(202);
        return awaitBatch(login, answer.batchId());
    }

    /** The batches this login's institution can see, newest first. */
    public List<UUID> batchIds(Login login) {
        Answer answer = get("/api/v1/intake/batches", login);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        List<UUID> ids = new ArrayList<>();
        answer.json().forEach(batch -> ids.add(UUID.fromString(batch.path("batchId").asString())));
        return ids;
    }

    // --- what was stored -----------------------------------------------------------------------------

    public long accounts(UUID institution) {
        return count("cases.account", institution);
    }

    public long borrowers(UUID institution) {
        return count("cases.borrower", institution);
    }

    public long history(UUID institution) {
        return count("cases.account_history", institution);
    }

    private long count(String table, UUID institution) {
        return jdbc.sql("select count(*) from " + table + " where institution_id = :institution")
                .param("institution", institution).query(Long.class).single();
    }

    // --- files ---------------------------------------------------------------------------------------

    /** {@code rows} valid rows of {@code sample}, numbered from {@code first}, as mutable lists of cells. */
    public static List<List<String>> validRows(SampleAccounts sample, long first, int rows) {
        List<List<String>> result = new ArrayList<>(rows);
        for (long index = first; index < first + rows; index++) {
            result.add(new ArrayList<>(sample.row(index, null)));
        }
        return result;
    }

    /** A CSV file (RFC 4180 quoting, {@code \n} line ends) in {@code charset}, without a byte-order mark. */
    public static byte[] csv(List<String> header, List<? extends List<String>> rows, Charset charset) {
        StringBuilder text = new StringBuilder();
        line(text, header);
        rows.forEach(row -> line(text, row));
        return text.toString().getBytes(charset);
    }

    public static byte[] csv(List<? extends List<String>> rows) {
        return csv(SampleAccounts.COLUMNS, rows, StandardCharsets.UTF_8);
    }

    /** Accounts as the JSON API takes them: the template's fields in camelCase, every value as a string. */
    public static List<Map<String, Object>> asJson(List<? extends List<String>> rows) {
        List<Map<String, Object>> accounts = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            Map<String, Object> account = new LinkedHashMap<>();
            for (int i = 0; i < SampleAccounts.COLUMNS.size(); i++) {
                account.put(camelCase(SampleAccounts.COLUMNS.get(i)), row.get(i));
            }
            accounts.add(account);
        }
        return accounts;
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    public static int column(String english) {
        int index = SampleAccounts.COLUMNS.indexOf(english);
        if (index < 0) {
            throw new IllegalArgumentException("No template column " + english);
        }
        return index;
    }

    static String camelCase(String english) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : english.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }

    private static void line(StringBuilder text, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            String cell = cells.get(i);
            if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
                text.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                text.append(cell);
            }
        }
        text.append('\n');
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- HTTP ----------------------------------------------------------------------------------------

    private HttpRequest.Builder request(String path, Login login) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", RegistryApiFixtures.basic(login));
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body(), RegistryApiFixtures.parse(response.body()),
                    response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
