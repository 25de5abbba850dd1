package org.recourse.cases;

import java.math.BigDecimal;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.recourse.bench.BenchSupport;
import org.recourse.registry.SignedInUser;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PERFORMANCE.md P5 (nightly days past due and buckets) and P11 (portfolio page) over N cases of one
 * institution (default 1,000,000), against the same run's SQL baselines on the same rows: B3 (a full
 * update of a narrow state table) and B4 (an update of only the rows whose bucket changes).
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.recourse.cases.DelinquencyBenchmark -Dexec.args="--cases 1000000"</pre>
 *
 * With {@code MAVEN_OPTS=-Dexplain=true} it also prints the plans (EXPLAIN ANALYZE) of the bucket move and
 * of the counts that decide whether anything is new, for finding where a pass spends its time.
 *
 * <p>Accounts are written straight into the institution's partition with SQL (the delinquency step reads
 * dates and amounts only; their personal data columns hold placeholders), so that generating a million
 * cases takes seconds rather than an intake run.
 */
public final class DelinquencyBenchmark {

    private DelinquencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long cases = BenchSupport.longArg(args, "--cases", 1_000_000);
        try (ConfigurableApplicationContext app = BenchSupport.start()) {
            SignedInUser user = BenchSupport.institution(app);
            UUID institution = user.organisationId();
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

            long start = System.nanoTime();
            generate(jdbc, institution, cases, today, "bench");
            System.out.printf(Locale.ROOT, "generated %,d cases in %.1f s%n", cases, BenchSupport.seconds(start));

            DelinquencyStep step = app.getBean(DelinquencyStep.class);
            start = System.nanoTime();
            long[] takeUp = step.runFor(institution, today);
            System.out.printf(Locale.ROOT, "first night (take-up of %,d cases): %.2f s%n", takeUp[1],
                    BenchSupport.seconds(start));
            jdbc.sql("vacuum analyze cases.case_state").update();

            String bucket = BucketBands.standard().sqlCase("(cast(:date as date) - a.due_date)");
            copyState(jdbc, institution);
            double b3 = timed(jdbc, """
                    update bench_state s set days_past_due = cast(:date as date) - a.due_date, bucket = %s
                      from cases.account a where a.institution_id = :institution and a.id = s.account_id
                    """.formatted(bucket), institution, today.plusDays(1));
            double b4 = timed(jdbc, """
                    update bench_state s set bucket = n.bucket
                      from (select a.id, %s as bucket from cases.account a where a.institution_id = :institution) n
                     where s.account_id = n.id and s.bucket is distinct from n.bucket
                    """.formatted(bucket), institution, today.plusDays(2));

            if (Boolean.getBoolean("explain")) {
                jdbc.sql("explain (analyze, buffers) " + DelinquencySql.MOVE_BUCKETS.formatted(bucket))
                        .param("institution", institution).param("date", today.plusDays(3)).query(String.class).list()
                        .forEach(System.out::println);
                jdbc.sql("explain (analyze, buffers) " + DelinquencySql.COUNTS)
                        .param("institution", institution).query(String.class).list().forEach(System.out::println);
            }
            List<Double> passes = new ArrayList<>();
            for (int day = 1; day <= 2; day++) {
                long wal = walPosition(jdbc);
                start = System.nanoTime();
                long[] counts = step.runFor(institution, today.plusDays(day));
                double elapsed = BenchSupport.seconds(start);
                passes.add(elapsed);
                System.out.printf(Locale.ROOT, "P5 delinquency D+%d: %.2f s, %,d cases, %,d changed, %.1f MB WAL%n",
                        day, elapsed, counts[0], counts[1], (walPosition(jdbc) - wal) / 1e6);
            }
            double p5 = Collections.max(passes);
            System.out.printf(Locale.ROOT, "B3 narrow full update %.2f s; B4 transition-only update %.2f s%n", b3, b4);
            System.out.printf(Locale.ROOT, "ratio P5 / B4 = %.2f (target <= 2.0, ambitious <= 1.2); P5 / B3 = %.2f "
                    + "(target <= 1.0)%n", p5 / b4, p5 / b3);

            portfolio(app, jdbc, user, institution, today.plusDays(2));
        }
    }

    private static void portfolio(ConfigurableApplicationContext app, JdbcClient jdbc, SignedInUser user,
            UUID institution, LocalDate day) throws Exception {
        long start = System.nanoTime();
        app.getBean(PortfolioStep.class).snapshot(institution, day);
        System.out.printf(Locale.ROOT, "portfolio step %.2f s%n", BenchSupport.seconds(start));
        start = System.nanoTime();
        BigDecimal raw = jdbc.sql("""
                select sum(a.principal_outstanding + a.interest_outstanding + a.fees_outstanding + a.penalty_outstanding)
                  from cases.case_state s join cases.account a on a.institution_id = s.institution_id and a.id = s.account_id
                 where s.institution_id = :institution and s.closed_on is null
                """).param("institution", institution).query(BigDecimal.class).single();
        double rawSeconds = BenchSupport.seconds(start);
        BigDecimal kept = jdbc.sql("select sum(outstanding) from cases.portfolio_day where institution_id = :institution"
                + " and business_date = :day").param("institution", institution).param("day", day)
                .query(BigDecimal.class).single();
        if (raw.compareTo(kept) != 0) {
            throw new IllegalStateException("The kept portfolio (" + kept + ") differs from the accounts (" + raw + ")");
        }
        String base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        System.out.printf(Locale.ROOT, "the raw aggregate the kept portfolio replaces: %.0f ms; kept totals equal the "
                + "accounts (%s)%n", rawSeconds * 1000, raw);
        HttpClient session = signedIn(base, user.getUsername());
        // The page as people open it: a signed-in session, rendered HTML with the chart data.
        report("P11 portfolio page", session, HttpRequest.newBuilder(URI.create(base + "/cases/portfolio")).build());
        // The API, as a system calls it: HTTP Basic, so every request also pays the Argon2 password check.
        report("portfolio API (Basic auth)", HttpClient.newHttpClient(),
                HttpRequest.newBuilder(URI.create(base + "/api/v1/cases/portfolio")).header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString((user.getUsername() + ":"
                        + BenchSupport.INSTITUTION_PASSWORD).getBytes(StandardCharsets.UTF_8))).build());
    }

    private static void report(String what, HttpClient http, HttpRequest request) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            long sent = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(what + " answered " + response.statusCode());
            }
            if (i >= 10) {
                millis.add((System.nanoTime() - sent) / 1e6);
            }
        }
        Collections.sort(millis);
        System.out.printf(Locale.ROOT, "%s: p50 %.1f ms, p95 %.1f ms (target p50 < 200, ambitious < 50)%n", what,
                millis.get(millis.size() / 2), millis.get((int) (millis.size() * 0.95)));
    }

    /** A browser-like session: the sign-in form with its CSRF token, then the session cookie. */
    private static HttpClient signedIn(String base, String username) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String form = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
        if (!csrf.find()) {
            throw new IllegalStateException("The sign-in page has no CSRF token");
        }
        String body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(BenchSupport.INSTITUTION_PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        return http;
    }

    /** N accounts due over the last 400 days (so every bucket is populated), written as one partition. */
    /** N cases of one borrower each, straight into the institution's partitions; contacts as given (one ciphertext for all). */
    public static void generate(JdbcClient jdbc, UUID institution, long cases, LocalDate today, String contactsEnc) {
        jdbc.sql("select cases.prepare_partitions(:institution)").param("institution", institution).query().singleRow();
        String suffix = institution.toString().replace("-", "");
        jdbc.sql("""
                insert into cases.borrower_%s (id, institution_id, id_number_hash, identity_enc, identity_hash, created_at,
                    updated_at)
                select md5('b' || n)::uuid, :institution, sha256(('b' || n)::bytea), 'bench', sha256(('i' || n)::bytea),
                       now(), now()
                  from generate_series(1, :cases) n
                """.formatted(suffix)).param("institution", institution).param("cases", cases).update();
        jdbc.sql("""
                insert into cases.account_%s (id, institution_id, account_ref, borrower_id, product, contacts_enc,
                    mobile_hash, province, city, currency, loan_amount, term_months, loan_date, due_date,
                    principal_outstanding, interest_outstanding, fees_outstanding, penalty_outstanding, content_hash,
                    created_batch_id, updated_batch_id, created_at, updated_at)
                select md5('a' || n)::uuid, :institution, 'LN' || lpad(n::text, 10, '0'), md5('b' || n)::uuid, '消费贷',
                       :contacts, sha256(('m' || n)::bytea), '广东省', '深圳市', 'CNY', 10000, 12,
                       cast(:today as date) - 400 - (n %% 30)::int, cast(:today as date) - (n %% 400)::int,
                       5000 + n %% 1000, 100, 0, 10, sha256(('c' || n)::bytea), :institution, :institution, now(), now()
                  from generate_series(1, :cases) n
                """.formatted(suffix)).param("institution", institution).param("cases", cases).param("today", today)
                .param("contacts", contactsEnc).update();
        jdbc.sql("set maintenance_work_mem = '512MB'").update();
        jdbc.sql("select cases.attach_partitions(:institution)").param("institution", institution).query().singleRow();
        jdbc.sql("analyze cases.account").update();
    }

    /** The baselines work on a copy of the state, so that they leave the step's own table as it was. */
    private static void copyState(JdbcClient jdbc, UUID institution) {
        jdbc.sql("drop table if exists bench_state").update();
        jdbc.sql("""
                create table bench_state (account_id uuid primary key, days_past_due integer, bucket text)
                  with (fillfactor = 70)
                """).update();
        jdbc.sql("insert into bench_state select account_id, 0, bucket from cases.case_state where institution_id = :i")
                .param("i", institution).update();
        jdbc.sql("vacuum analyze bench_state").update();
    }

    private static double timed(JdbcClient jdbc, String sql, UUID institution, LocalDate date) {
        long start = System.nanoTime();
        jdbc.sql(sql).param("institution", institution).param("date", date).update();
        return BenchSupport.seconds(start);
    }

    private static long walPosition(JdbcClient jdbc) {
        return jdbc.sql("select pg_current_wal_lsn() - '0/0'").query(Long.class).single();
    }
}
