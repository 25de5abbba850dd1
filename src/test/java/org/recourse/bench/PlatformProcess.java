package org.recourse.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.recourse.RecourseApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The platform as a process of its own on a database kept on disk, as it runs in production: benchmarks that
 * measure it over HTTP must not share a JVM (its JIT, its heap, its cores' scheduling) with their own clients,
 * and a crash test must be able to kill it. The database is prepared first in this JVM ({@link #prepare}), on
 * the same directory, since preparing through the API would take longer than the measurement.
 */
public final class PlatformProcess implements AutoCloseable {

    private final Path data;
    private final Process process;
    private final int port;

    private PlatformProcess(Path data, Process process, int port) {
        this.data = data;
        this.process = process;
        this.port = port;
    }

    /** The platform in this JVM on {@code data} (kept), to fill the database before the measured process starts. */
    public static ConfigurableApplicationContext prepare(Path data) {
        return new SpringApplicationBuilder(RecourseApplication.class)
                .run(arguments(data, 0).toArray(String[]::new));
    }

    /** Starts the platform as a child JVM on {@code data} and waits until {@code up} says it answers. */
    public static PlatformProcess start(Path data, List<String> jvmOptions, Path log) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath(), RecourseApplication.class.getName()));
        command.addAll(arguments(data, port));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // A benchmark stopped by Ctrl-C must not leave the platform (and its database) running behind it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        return new PlatformProcess(data, process, port);
    }

    /** Waits for the platform to answer, as {@code up} tells (e.g. an authenticated GET that succeeds). */
    public void awaitUp(BooleanSupplier up, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The platform exited while starting: see " + log);
            }
            if (up.getAsBoolean()) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new IllegalStateException("The platform did not start within 180 s: see " + log);
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public Process process() {
        return process;
    }

    /** The embedded PostgreSQL's postmaster, from its pid file. */
    public long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(data.resolve("postgres/postmaster.pid")).get(0).strip());
    }

    /** The embedded PostgreSQL's port, from its pid file (its fourth line). */
    public int databasePort() throws IOException {
        return Integer.parseInt(Files.readAllLines(data.resolve("postgres/postmaster.pid")).get(3).strip());
    }

    /** A connection of the benchmark's own to the platform's database, for its baselines and recounts. */
    public JdbcClient database() throws IOException {
        return JdbcClient.create(new DriverManagerDataSource(
                "jdbc:postgresql://localhost:" + databasePort() + "/postgres", "postgres", ""));
    }

    /** Stops the platform as an operator would (SIGTERM: it shuts down and stops its database). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static List<String> arguments(Path data, int port) {
        return List.of("--server.port=" + port, "--recourse.db.ephemeral=false", "--recourse.demo=false",
                "--recourse.data-dir=" + data.toAbsolutePath(), "--recourse.admin-password=Bench-Admin-Pass-1",
                "--recourse.test-mode=true", "--logging.level.root=warn", "--recourse.daily.enabled=false");
    }

    /** The same classes as this JVM runs (exec:java loads them with a class loader of its own). */
    private static String classPath() {
        if (Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader) {
            return Arrays.stream(loader.getURLs()).map(PlatformProcess::path).collect(Collectors.joining(File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }

    private static String path(URL url) {
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
