package org.recourse.cases;

import java.io.IOException;
import java.net.URI;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.recourse.bench.BenchSupport;
import org.recourse.bench.LoopbackHttpClient;
import org.recourse.bench.PlatformProcess;
import org.recourse.cases.CaseViews.ContactPoint;
import org.recourse.compliance.OutboundNumbers;
import org.recourse.registry.ApiKeys;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.PersonalDataCipher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PERFORMANCE.md P8: compliance decisions over HTTP on loopback from C clients (default 8) for S seconds
 * (default 60) against N cases (default 1,000,000), cases chosen Zipf-skewed (s = 1), half calls and half
 * text messages; every ALLOW is acted on (an attempt recorded: a third of calls connect, texts are sent),
 * so the caps fill up as a real day's would ({@code --decisions-only}: none is, every ALLOW's reservation holds its
 * slot until it lapses, and the run measures the decision path alone). Prints decisions/s and latency percentiles, then counts cap
 * violations from the ledger (must be 0), then the same run's pgbench baselines D1 (a compliance read, three
 * key lookups) and D2 (a counter upsert) on the same database, when {@code pgbench} is installed.
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.recourse.cases.DecisionBenchmark -Dexec.args="--cases 1000000 --seconds 60"</pre>
 *
 * The same load runs first, unmeasured, until the platform's JIT compiler has settled — rounds of ten seconds
 * until one spends less than {@code --settled-percent} (default 2) of its time compiling, as the platform's own
 * {@code jvm.compilation.time} metric tells, at least {@code --warm-up-seconds} (default 30, or the run's length if
 * shorter) and at most {@code --max-warm-up-seconds} (default 300) — and the run measured is the next day's, the
 * warm-up's decisions left as the ledger's history. A server that has been up has compiled its request path; on two
 * cores this application's C2 work alone takes minutes of compiler time under load, and a shorter warm-up measured
 * the compiler rather than the platform. Clients sign in with an API key (a password's Argon2 per request would be
 * the whole cost). The platform clock is held at 10:00 in Shanghai (through the test-mode clock API; the warm-up
 * today, the run tomorrow) so that the run does not depend on the hour it is started at. The platform runs as a
 * process of its own ({@link PlatformProcess}, database under {@code target/p8}), as in production: run in this JVM
 * beside its clients, it answered half as many requests. Its clients each keep one connection and speak HTTP/1.1 by
 * hand ({@link LoopbackHttpClient}): they share the two cores with what they measure, and {@code HttpURLConnection}
 * cost several times what {@code wrk} does per request.
 */
public final class DecisionBenchmark {

    static final String OUTBOUND = "4008009999";
    static final String MOBILE = "13800138000";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path DATA = Path.of("target/p8/data");
    private static final String DECISIONS = "/api/v1/compliance/decisions";
    private static final String ATTEMPTS = "/api/v1/contact-attempts";

    private DecisionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long cases = BenchSupport.longArg(args, "--cases", 1_000_000);
        int seconds = (int) BenchSupport.longArg(args, "--seconds", 60);
        int clients = (int) BenchSupport.longArg(args, "--clients", 8);
        int pgbenchSeconds = (int) BenchSupport.longArg(args, "--pgbench-seconds", 15);
        int warmUpSeconds = (int) BenchSupport.longArg(args, "--warm-up-seconds", Math.min(30, seconds));
        int maxWarmUpSeconds = (int) BenchSupport.longArg(args, "--max-warm-up-seconds", 300);
        double settledPercent = BenchSupport.longArg(args, "--settled-percent", 2);
        // Decisions only: no attempt recorded after an ALLOW (its reservation holds the slot until it lapses).
        boolean decisionsOnly = Arrays.asList(args).contains("--decisions-only");
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        LocalDate today = LocalDate.now(shanghai);
        Instant tenOClock = today.atTime(LocalTime.of(10, 0)).atZone(shanghai).toInstant();
        FileSystemUtils.deleteRecursively(DATA);

        // The database on disk, filled in this JVM: an institution, its API key and outbound number, the cases.
        UUID institution;
        String key;
        List<UUID[]> targets;
        try (ConfigurableApplicationContext app = PlatformProcess.prepare(DATA)) {
            SignedInUser user = BenchSupport.institution(app);
            institution = user.organisationId();
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            PersonalDataCipher cipher = app.getBean(PersonalDataCipher.class);
            String contacts = cipher.encrypt("{\"mobile\":\"" + MOBILE + "\",\"otherPhones\":[],\"address\":null,"
                    + "\"emergencyContactName\":null,\"emergencyContactPhone\":null}");
            long start = System.nanoTime();
            DelinquencyBenchmark.generate(jdbc, institution, cases, today, contacts);
            System.out.printf(Locale.ROOT, "generated %,d cases in %.1f s%n", cases, BenchSupport.seconds(start));
            app.getBean(OutboundNumbers.class).register(user, OUTBOUND, "基准外呼");
            key = app.getBean(ApiKeys.class).issue(user, null, "benchmark").key();
            targets = targets(jdbc, institution, new ContactPoints(cipher), contacts);
        }
        // For driving the same platform by hand afterwards (e.g. with wrk): the key and the targets, Zipf rank order.
        Files.writeString(DATA.resolveSibling("key"), key);
        Files.write(DATA.resolveSibling("targets.csv"), targets.stream().map(t -> t[0] + "," + t[1]).toList());

        // The platform measured as it runs in production: a process of its own, its clients in this JVM.
        Path log = DATA.resolveSibling("platform.log");
        try (PlatformProcess platform = PlatformProcess.start(DATA, List.of(), log)) {
            String base = platform.baseUrl();
            platform.awaitUp(() -> answers(base, key), log);
            send("PUT", base + "/api/v1/test/clock", key, "{\"instant\":\"" + tenOClock + "\"}", 200);
            JdbcClient jdbc = platform.database();
            // The same load, unmeasured, until the JIT has compiled the request path (a server that has been up
            // has; a process started a moment ago has not). The run is then measured on the next day at 10:00: its
            // caps start empty, and the warm-up's decisions stay as the ledger's history, as in production. Emptying
            // the ledger instead left PostgreSQL's statistics describing an empty table, and the plans it cached
            // while the table was small scanned the whole of it once it was not (1 in 20 of the ledger's reads).
            warmUp(base, key, targets, clients, warmUpSeconds, Math.max(warmUpSeconds, maxWarmUpSeconds), settledPercent,
                    decisionsOnly);
            Instant tomorrow = tenOClock.plus(Duration.ofDays(1));
            send("PUT", base + "/api/v1/test/clock", key, "{\"instant\":\"" + tomorrow + "\"}", 200);
            stackBaseline(base, key, clients, Math.min(10, seconds));
            Result result = run(base, key, targets, clients, seconds, decisionsOnly);
            result.print(seconds, decisionsOnly);
            violations(jdbc, institution);
            pgbench(platform.databasePort(), jdbc, clients, pgbenchSeconds);
        }
    }

    /** The load, unmeasured, until the platform's compiler has settled (see the class comment). */
    private static void warmUp(String base, String key, List<UUID[]> targets, int clients, int minSeconds,
            int maxSeconds, double settledPercent, boolean decisionsOnly) throws Exception {
        long start = System.nanoTime();
        double compiled = compilationMillis(base, key);
        while (true) {
            long round = System.nanoTime();
            run(base, key, targets, clients, Math.min(10, minSeconds), decisionsOnly);
            double now = compilationMillis(base, key);
            double percent = (now - compiled) / ((System.nanoTime() - round) / 1e6) * 100;
            compiled = now;
            double elapsed = BenchSupport.seconds(start);
            System.out.printf(Locale.ROOT, "warm-up %.0f s: %.1f %% of the last round spent compiling%n", elapsed, percent);
            if (elapsed >= minSeconds && percent < settledPercent || elapsed >= maxSeconds) {
                System.out.printf(Locale.ROOT, "warmed up in %.0f s (%.0f s of compiler time in all)%n", elapsed,
                        compiled / 1000);
                return;
            }
        }
    }

    /** The platform's JIT compiler time so far, from its Prometheus metrics. */
    private static double compilationMillis(String base, String key) throws IOException {
        Matcher metric = Pattern.compile("(?m)^jvm_compilation_time_ms_total\\{[^}]*} ([0-9.eE+]+)$")
                .matcher(send("GET", base + "/actuator/prometheus", key, null, 200));
        if (!metric.find()) {
            throw new IllegalStateException("The platform reports no jvm_compilation_time_ms_total");
        }
        return Double.parseDouble(metric.group(1));
    }

    /** Whether the platform answers an authenticated request yet. */
    static boolean answers(String base, String key) {
        try {
            send("GET", base + "/api/v1/me", key, null, 200);
            return true;
        } catch (IOException | IllegalStateException e) {
            return false;
        }
    }

    /** Case id and the borrower's mobile's contact point id, in case-id order (the Zipf ranks). */
    static List<UUID[]> targets(JdbcClient jdbc, UUID institution, ContactPoints points, String contacts) {
        List<UUID[]> targets = new ArrayList<>();
        jdbc.sql("select id, borrower_id from cases.account where institution_id = :i order by id")
                .param("i", institution).query(row -> {
                    UUID borrower = row.getObject("borrower_id", UUID.class);
                    targets.add(new UUID[] {row.getObject("id", UUID.class), borrower});
                });
        // Every borrower has the same number, so the mobile's id differs only by borrower: computed once each.
        long start = System.nanoTime();
        for (UUID[] target : targets) {
            ContactPoint mobile = points.of(target[1], contacts, null, false).get(0);
            target[1] = mobile.id();
        }
        System.out.printf(Locale.ROOT, "contact point ids of %,d cases in %.1f s%n", targets.size(),
                BenchSupport.seconds(start));
        return targets;
    }

    private record Result(long[] latencies, long decisions, long allowed, long attempts, double elapsed) {

        void print(int seconds, boolean decisionsOnly) {
            Arrays.sort(latencies);
            if (decisionsOnly) {
                System.out.printf(Locale.ROOT, "%nDecisions only (no attempt recorded after an ALLOW):");
            }
            System.out.printf(Locale.ROOT, "%nP8 decisions: %,d in %.1f s = %,.0f decisions/s (%,d allowed, %,d attempts "
                    + "recorded besides)%n", decisions, elapsed, decisions / elapsed, allowed, attempts);
            System.out.printf(Locale.ROOT, "latency p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms "
                    + "(target >= 2,000/s at p99 < 10 ms; ambitious >= 10,000/s at p99 < 5 ms)%n",
                    percentile(0.50), percentile(0.99), percentile(0.999), latencies[latencies.length - 1] / 1e6);
        }

        private double percentile(double p) {
            return latencies[(int) Math.min(latencies.length - 1, Math.floor(p * latencies.length))] / 1e6;
        }
    }

    private static Result run(String base, String key, List<UUID[]> targets, int clients, int seconds,
            boolean decisionsOnly) throws Exception {
        double[] zipf = zipf(targets.size(), 1.0);
        // The client's threads must not outlive the run: exec:java waits for every non-daemon thread.
        ExecutorService pool = Executors.newFixedThreadPool(clients, DecisionBenchmark::daemon);
        AtomicLong allowed = new AtomicLong();
        AtomicLong attempts = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        List<Future<long[]>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            work.add(pool.submit(() -> {
                Random random = new Random(42 + client);
                long[] latencies = new long[1 << 16];
                int count = 0;
                try (LoopbackHttpClient http = new LoopbackHttpClient(base, key)) {
                    while (System.nanoTime() < deadline) {
                        UUID[] target = targets.get(rank(zipf, random.nextDouble()));
                        String channel = random.nextBoolean() ? "VOICE" : "SMS";
                        long sent = System.nanoTime();
                        String decision = http.exchange("POST", DECISIONS, decisionBody(target, channel), 201);
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = System.nanoTime() - sent;
                        if ("ALLOW".equals(field(decision, "outcome"))) {
                            allowed.incrementAndGet();
                            if (decisionsOnly) {
                                continue;
                            }
                            String result = channel.equals("SMS") ? "SENT"
                                    : random.nextInt(3) == 0 ? "CONNECTED" : "NO_ANSWER";
                            http.exchange("POST", ATTEMPTS, attemptBody(field(decision, "decisionId"), result), 201);
                            attempts.incrementAndGet();
                        }
                    }
                }
                return Arrays.copyOf(latencies, count);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> future : work) {
            all.add(future.get());
        }
        double elapsed = BenchSupport.seconds(start);
        pool.shutdown();
        long[] latencies = all.stream().flatMapToLong(Arrays::stream).toArray();
        return new Result(latencies, latencies.length, allowed.get(), attempts.get(), elapsed);
    }

    /**
     * The HTTP stack alone, as a baseline of the same run: {@code GET /api/v1/me} (API key checked, one small
     * JSON answer) from the same clients. What a decision costs above this is the decision's own.
     */
    private static void stackBaseline(String base, String key, int clients, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients, DecisionBenchmark::daemon);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<Long>> work = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            work.add(pool.submit(() -> {
                long count = 0;
                try (LoopbackHttpClient http = new LoopbackHttpClient(base, key)) {
                    while (System.nanoTime() < deadline) {
                        http.exchange("GET", "/api/v1/me", null, 200);
                        count++;
                    }
                }
                return count;
            }));
        }
        long requests = 0;
        for (Future<Long> future : work) {
            requests += future.get();
        }
        double elapsed = BenchSupport.seconds(start);
        pool.shutdown();
        System.out.printf(Locale.ROOT, "HTTP stack baseline (GET /api/v1/me with the API key): %,.0f requests/s%n",
                requests / elapsed);
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "decision-client");
        thread.setDaemon(true);
        return thread;
    }

    /** The cumulative distribution of Zipf(s) over ranks 1..n. */
    static double[] zipf(int n, double s) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int k = 1; k <= n; k++) {
            sum += 1 / Math.pow(k, s);
            cumulative[k - 1] = sum;
        }
        for (int k = 0; k < n; k++) {
            cumulative[k] /= sum;
        }
        return cumulative;
    }

    static int rank(double[] cumulative, double u) {
        int found = Arrays.binarySearch(cumulative, u);
        return Math.min(cumulative.length - 1, found >= 0 ? found : -found - 1);
    }

    static JsonNode decide(String base, String key, UUID[] target, String channel) throws IOException {
        return JSON.readTree(send("POST", base + DECISIONS, key, decisionBody(target, channel), 201));
    }

    static String attempt(String base, String key, String decision, String result) throws IOException {
        return send("POST", base + ATTEMPTS, key, attemptBody(decision, result), 201);
    }

    private static String decisionBody(UUID[] target, String channel) {
        return "{\"caseId\":\"" + target[0] + "\",\"contactPointId\":\"" + target[1] + "\",\"channel\":\"" + channel
                + "\",\"purpose\":\"COLLECT\",\"callerNumber\":\"" + OUTBOUND + "\"}";
    }

    private static String attemptBody(String decision, String result) {
        return "{\"decisionId\":\"" + decision + "\",\"result\":\"" + result + "\",\"durationSeconds\":20}";
    }

    /**
     * A top-level string field of the platform's compact JSON answer, found by its key rather than parsed: the
     * measured loop reads two fields of a 2 KB answer, on the cores the platform is measured on.
     */
    static String field(String json, String name) {
        String marker = "\"" + name + "\":\"";
        int start = json.indexOf(marker);
        if (start < 0) {
            throw new IllegalStateException("No \"" + name + "\" in the answer: " + json);
        }
        start += marker.length();
        return json.substring(start, json.indexOf('"', start));
    }

    /**
     * One request over a kept-alive HTTP/1.1 connection (HttpURLConnection's pool), synchronous like a
     * dialer's worker; no client thread pool to size or to shut down.
     */
    static String send(String method, String url, String key, @Nullable String body, int expected)
            throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setRequestMethod(method);
        connection.setRequestProperty("Authorization", "Bearer " + key);
        if (body != null) {
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = connection.getResponseCode();
        try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            String answer = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (status != expected) {
                throw new IllegalStateException(url + " answered " + status + ": " + answer);
            }
            return answer;
        }
    }

    /** Every cap, recounted from the attempts themselves: must all be 0. */
    static void violations(JdbcClient jdbc, UUID institution) {
        Map<String, String> checks = new HashMap<>();
        checks.put("connected calls > 3 per borrower-day", """
                select count(*) from (select 1 from compliance.contact_attempt
                 where institution_id = :i and direction = 'OUTBOUND' and channel in ('VOICE', 'AI_VOICE')
                   and result = 'CONNECTED' group by borrower_id, local_day having count(*) > 3) v""");
        checks.put("unanswered dials > 6 per number-day", """
                select count(*) from (select 1 from compliance.contact_attempt
                 where institution_id = :i and direction = 'OUTBOUND' and channel in ('VOICE', 'AI_VOICE')
                   and result in ('NO_ANSWER', 'BUSY') group by contact_point_id, local_day having count(*) > 6) v""");
        checks.put("texts > 3 per borrower-day", """
                select count(*) from (select 1 from compliance.contact_attempt
                 where institution_id = :i and direction = 'OUTBOUND' and channel = 'SMS'
                   and result in ('SENT', 'DELIVERED') group by borrower_id, local_day having count(*) > 3) v""");
        checks.put("attempts without an ALLOW", """
                select count(*) from compliance.contact_attempt a join compliance.decision d on d.id = a.decision_id
                 where a.institution_id = :i and d.outcome <> 'ALLOW'""");
        long total = 0;
        for (Map.Entry<String, String> check : checks.entrySet()) {
            long found = jdbc.sql(check.getValue()).param("i", institution).query(Long.class).single();
            total += found;
            System.out.printf(Locale.ROOT, "  %-40s %d%n", check.getKey(), found);
        }
        System.out.printf(Locale.ROOT, "cap violations found in the ledger: %d (must be 0)%n", total);
        if (total != 0) {
            throw new IllegalStateException("The ledger shows cap violations");
        }
    }

    /** D1 and D2 of PERFORMANCE.md §3.2 on this run's database, with pgbench if it is installed. */
    private static void pgbench(int databasePort, JdbcClient jdbc, int clients, int seconds) throws Exception {
        Path pgbench = Path.of("/usr/bin/pgbench");
        if (!Files.isExecutable(pgbench)) {
            System.out.println("pgbench is not installed: no D1/D2 baseline in this run");
            return;
        }
        jdbc.sql("drop schema if exists pgb cascade").update();
        jdbc.sql("create schema pgb").update();
        jdbc.sql("create table pgb.account (account_id bigint primary key, status text not null)").update();
        jdbc.sql("create table pgb.account_state (account_id bigint primary key, bucket text not null)").update();
        jdbc.sql("create table pgb.contact_counter (account_id bigint, day date, n int not null, "
                + "primary key (account_id, day))").update();
        jdbc.sql("insert into pgb.account select n, 'ACTIVE' from generate_series(1, 1000000) n").update();
        jdbc.sql("insert into pgb.account_state select n, 'M1' from generate_series(1, 1000000) n").update();
        jdbc.sql("vacuum analyze pgb.account, pgb.account_state").update();
        Path d1 = Files.writeString(Files.createTempFile("d1", ".pgbench"), """
                \\set aid random(1, 1000000)
                SELECT a.status, s.bucket, c.n FROM pgb.account a JOIN pgb.account_state s USING (account_id)
                  LEFT JOIN pgb.contact_counter c ON c.account_id = a.account_id AND c.day = date '2026-01-02'
                 WHERE a.account_id = :aid;
                """);
        Path d2 = Files.writeString(Files.createTempFile("d2", ".pgbench"), """
                \\set aid random(1, 1000000)
                INSERT INTO pgb.contact_counter(account_id, day, n) VALUES (:aid, date '2026-01-02', 1)
                ON CONFLICT (account_id, day) DO UPDATE SET n = pgb.contact_counter.n + 1 RETURNING n;
                """);
        for (Path script : List.of(d1, d2)) {
            Process process = new ProcessBuilder(pgbench.toString(), "-n", "-M", "prepared", "-T", Integer.toString(seconds), "-j", "2",
                    "-c", Integer.toString(clients), "-h", "localhost", "-p", Integer.toString(databasePort), "-U", "postgres",
                    "-f", script.toString(), "postgres").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            Matcher tps = Pattern.compile("tps = ([\\d.]+)").matcher(output);
            Matcher latency = Pattern.compile("latency average = ([\\d.]+) ms").matcher(output);
            System.out.printf(Locale.ROOT, "%s c%d: %s TPS, latency average %s ms%n",
                    script == d1 ? "D1 compliance read (pgbench)" : "D2 counter upsert (pgbench)", clients,
                    tps.find() ? tps.group(1) : "?", latency.find() ? latency.group(1) : "?\n" + output);
        }
    }
}
