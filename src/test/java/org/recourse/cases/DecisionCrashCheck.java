package org.recourse.cases;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.recourse.bench.BenchSupport;
import org.recourse.bench.PlatformProcess;
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
 * PERFORMANCE.md P8's durability half: what a crash may lose, tested. The platform runs as a process of its
 * own on a database kept on disk; clients ask for decisions and record attempts as in {@link DecisionBenchmark}
 * and remember every one the platform acknowledged (answered 201). Mid-load the platform's JVM and its
 * PostgreSQL are killed with SIGKILL, as a power cut would stop them; then the platform starts again on the
 * same directory (PostgreSQL replays its WAL) and every acknowledged decision and attempt must be there, and
 * the caps must still hold when recounted from the ledger. What was cut off unanswered may be there or not:
 * the client never learnt of it, and a dialer asks again.
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.recourse.cases.DecisionCrashCheck -Dexec.args="--cases 100000 --kill-after 20"</pre>
 */
public final class DecisionCrashCheck {

    private static final Path DATA = Path.of("target/crash/data");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DecisionCrashCheck() {
    }

    public static void main(String[] args) throws Exception {
        long cases = BenchSupport.longArg(args, "--cases", 100_000);
        int killAfter = (int) BenchSupport.longArg(args, "--kill-after", 20);
        int clients = (int) BenchSupport.longArg(args, "--clients", 8);
        System.setProperty("http.maxConnections", Integer.toString(Math.max(5, clients)));
        FileSystemUtils.deleteRecursively(DATA);
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        Instant tenOClock = LocalDate.now(shanghai).atTime(LocalTime.of(10, 0)).atZone(shanghai).toInstant();

        // 1. Prepare the database on disk: an institution, its API key and outbound number, the cases.
        UUID institution;
        String key;
        List<UUID[]> targets;
        try (ConfigurableApplicationContext app = PlatformProcess.prepare(DATA)) {
            SignedInUser user = BenchSupport.institution(app);
            institution = user.organisationId();
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            PersonalDataCipher cipher = app.getBean(PersonalDataCipher.class);
            String contacts = cipher.encrypt("{\"mobile\":\"" + DecisionBenchmark.MOBILE + "\",\"otherPhones\":[],"
                    + "\"address\":null,\"emergencyContactName\":null,\"emergencyContactPhone\":null}");
            DelinquencyBenchmark.generate(jdbc, institution, cases, LocalDate.now(shanghai), contacts);
            app.getBean(OutboundNumbers.class).register(user, DecisionBenchmark.OUTBOUND, "基准外呼");
            key = app.getBean(ApiKeys.class).issue(user, null, "crash check").key();
            targets = DecisionBenchmark.targets(jdbc, institution, new ContactPoints(cipher), contacts);
        }

        // 2. The platform as a process of its own, under load, killed mid-way.
        Path log = DATA.resolveSibling("platform.log");
        PlatformProcess platform = PlatformProcess.start(DATA, List.of(), log);
        String base = platform.baseUrl();
        platform.awaitUp(() -> DecisionBenchmark.answers(base, key), log);
        DecisionBenchmark.send("PUT", base + "/api/v1/test/clock", key, "{\"instant\":\"" + tenOClock + "\"}", 200);
        Set<String> decisions = ConcurrentHashMap.newKeySet();
        Set<String> attempts = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(clients, task -> {
            Thread thread = new Thread(task, "crash-client");
            thread.setDaemon(true);
            return thread;
        });
        double[] zipf = DecisionBenchmark.zipf(targets.size(), 1.0);
        for (int c = 0; c < clients; c++) {
            int client = c;
            pool.submit(() -> load(base, key, targets, zipf, new Random(7 + client), decisions, attempts));
        }
        TimeUnit.SECONDS.sleep(killAfter);
        long postmaster = platform.postmasterPid();
        List<ProcessHandle> postgres = new ArrayList<>(ProcessHandle.of(postmaster).stream().toList());
        ProcessHandle.of(postmaster).ifPresent(process -> process.children().forEach(postgres::add));
        // A power cut: nothing gets to flush or shut down. The JVM first, so no request is answered after the
        // database is gone; PostgreSQL's backends notice their postmaster's death and exit on their own.
        platform.process().destroyForcibly().waitFor();
        new ProcessBuilder("kill", "-9", Long.toString(postmaster)).start().waitFor();
        pool.shutdownNow();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        awaitGone(postgres);
        System.out.printf(Locale.ROOT, "killed the platform and PostgreSQL after %d s: %,d decisions and %,d attempts"
                + " had been acknowledged%n", killAfter, decisions.size(), attempts.size());

        // 3. Start again on the same directory and look for every acknowledged write.
        try (ConfigurableApplicationContext app = PlatformProcess.prepare(DATA)) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            long lostDecisions = missing(jdbc, "compliance.decision", decisions);
            long lostAttempts = missing(jdbc, "compliance.contact_attempt", attempts);
            System.out.printf(Locale.ROOT, "after restart: %,d acknowledged decisions lost, %,d acknowledged attempts lost"
                    + " (must be 0)%n", lostDecisions, lostAttempts);
            DecisionBenchmark.violations(jdbc, institution);
            if (decisions.isEmpty() || attempts.isEmpty()) {
                throw new IllegalStateException("Nothing was acknowledged before the kill: the check proved nothing");
            }
            if (lostDecisions + lostAttempts > 0) {
                throw new IllegalStateException("Acknowledged writes were lost in the crash");
            }
        }
    }

    private static void load(String base, String key, List<UUID[]> targets, double[] zipf, Random random,
            Set<String> decisions, Set<String> attempts) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                UUID[] target = targets.get(DecisionBenchmark.rank(zipf, random.nextDouble()));
                String channel = random.nextBoolean() ? "VOICE" : "SMS";
                JsonNode decision = DecisionBenchmark.decide(base, key, target, channel);
                String id = decision.path("decisionId").asString();
                decisions.add(id);
                if ("ALLOW".equals(decision.path("outcome").asString())) {
                    String result = channel.equals("SMS") ? "SENT" : random.nextInt(3) == 0 ? "CONNECTED" : "NO_ANSWER";
                    String answer = DecisionBenchmark.attempt(base, key, id, result);
                    attempts.add(JSON.readTree(answer).path("attemptId").asString());
                }
            }
        } catch (IOException | RuntimeException e) {
            // The platform is gone: what this client had acknowledged stays in the sets.
        }
    }

    private static long missing(JdbcClient jdbc, String table, Set<String> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        long found = jdbc.sql("select count(*) from " + table + " where id = any(:ids)")
                .param("ids", ids.stream().map(UUID::fromString).toArray(UUID[]::new)).query(Long.class).single();
        return ids.size() - found;
    }

    /** Until the postmaster and every backend it had (they exit when it dies) are gone. */
    private static void awaitGone(List<ProcessHandle> postgres) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (postgres.stream().noneMatch(ProcessHandle::isAlive)) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("PostgreSQL's processes did not exit after the kill");
    }
}
