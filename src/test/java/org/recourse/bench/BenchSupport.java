package org.recourse.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.recourse.RecourseApplication;
import org.recourse.registry.RegisterOrganisation;
import org.recourse.registry.RegistrationDesk;
import org.recourse.registry.SignInGuard;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.UnifiedSocialCreditCode;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** What every benchmark does the same way: start the platform on a fresh database, and sign in an institution. */
public final class BenchSupport {

    public static final String INSTITUTION_PASSWORD = "Bench-Password-2026";

    private BenchSupport() {
    }

    /** The application on an ephemeral embedded database; arguments win over application.yml and the environment. */
    public static ConfigurableApplicationContext start(String... extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--recourse.db.ephemeral=true",
                "--recourse.demo=false", "--recourse.data-dir=target/bench/data",
                "--recourse.admin-password=Bench-Admin-Pass-1", "--logging.level.root=warn",
                // The nightly run would otherwise start a minute after boot (the day's run is due) and work
                // through the cases a benchmark has just loaded, beside the measured load or its baseline.
                "--recourse.daily.enabled=false"));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(RecourseApplication.class).run(args.toArray(String[]::new));
    }

    /** A newly registered and approved institution whose administrator is now the signed-in user. */
    public static SignedInUser institution(ConfigurableApplicationContext app) {
        SignInGuard signIn = app.getBean(SignInGuard.class);
        RegistrationDesk registrations = app.getBean(RegistrationDesk.class);
        actAs(signIn.loadUserByUsername("admin"));
        String suffix = Long.toString(System.nanoTime() % 1_000_000);
        String username = "bench-" + suffix;
        UUID id = registrations.register(new RegisterOrganisation("INSTITUTION", "基准测试金融 " + suffix,
                UnifiedSocialCreditCode.withCheckCharacter("91310000MA1" + String.format("%06d", Long.parseLong(suffix))),
                "BENCH", "基准", "13800138000", username, INSTITUTION_PASSWORD));
        registrations.approve(id, signIn.loadUserByUsername("admin"), null);
        SignedInUser user = signIn.loadUserByUsername(username);
        actAs(user);
        return user;
    }

    public static void actAs(SignedInUser user) {
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    public static long longArg(String[] args, String name, long fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Long.parseLong(args[i + 1].replace("_", ""));
            }
        }
        return fallback;
    }

    public static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /**
     * With {@code --explain}: every statement of the baseline and the step above 300 ms comes back with its plan
     * (EXPLAIN ANALYZE, BUFFERS; auto_explain loaded into each of the pool's sessions, reporting as a notice, which
     * JdbcTemplate logs at debug). Slows the run down.
     */
    public static void autoExplain(DataSource dataSource) throws SQLException {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                Connection connection = dataSource.getConnection();
                held.add(connection);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("load 'auto_explain'");
                    statement.execute("set auto_explain.log_min_duration = '300ms'");
                    statement.execute("set auto_explain.log_analyze = on");
                    statement.execute("set auto_explain.log_buffers = on");
                    statement.execute("set auto_explain.log_nested_statements = on");
                    // To the client as a notice: JdbcTemplate logs it (debug) as an ignored SQL warning.
                    statement.execute("set auto_explain.log_level = 'notice'");
                }
            }
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }

}
