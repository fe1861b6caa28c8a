package io.docverify.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged service started as a user would ({@code java [jvm options] -jar docverify-grpc.jar}) on an ephemeral
 * port of 127.0.0.1, its standard output and error redirected to files under {@code target/it-logs} (which the
 * log scan reads after the suite). Knows its gRPC port (from the port file), its metrics port (from the startup
 * line), its process id and its resident memory.
 */
public final class RunningJar implements AutoCloseable {
    private static final Pattern METRICS =
            Pattern.compile("docverify metrics on http://127\\.0\\.0\\.1:(\\d+)/metrics");

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final int port;
    private final ManagedChannel channel;

    private RunningJar(Process process, Path stdout, Path stderr, int port) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.port = port;
        this.channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create())
                .build();
    }

    /** The directory the started jars' outputs go to ({@code target/it-logs}). */
    public static Path logDir() throws IOException {
        Path dir = Path.of(System.getProperty("docverify.it.logs", "target/it-logs"));
        Files.createDirectories(dir);
        return dir;
    }

    /**
     * Starts the jar named by the {@code docverify.jar} system property with the JVM options and environment
     * ({@code DOCVERIFY_PORT=0}, a port file and {@code DOCVERIFY_METRICS_PORT=off} unless given); waits until it
     * listens. Its outputs go to {@code <name>-stdout.log} and {@code <name>-stderr.log}.
     */
    public static RunningJar start(String name, List<String> jvmOptions, Map<String, String> env) throws Exception {
        Path jar = Path.of(System.getProperty("docverify.jar"));
        assertThat(jar).as("the packaged service").isRegularFile();
        Path dir = logDir();
        Path portFile = dir.resolve(name + ".port");
        Files.deleteIfExists(portFile);
        var command = new ArrayList<String>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        Path out = dir.resolve(name + "-stdout.log");
        Path err = dir.resolve(name + "-stderr.log");
        var builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("DOCVERIFY_PORT", "0");
        builder.environment().put("DOCVERIFY_PORT_FILE", portFile.toString());
        builder.environment().put("DOCVERIFY_METRICS_PORT", "off");
        builder.environment().putAll(env);
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(portFile)) {
            if (!process.isAlive()) {
                throw new AssertionError("the service ended before listening (exit " + process.exitValue()
                        + "):\n" + Files.readString(err));
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("the service did not listen within 60 s:\n" + Files.readString(err));
            }
            Thread.sleep(50);
        }
        int port = Integer.parseInt(Files.readString(portFile, StandardCharsets.US_ASCII).trim());
        return new RunningJar(process, out, err, port);
    }

    /**
     * Runs the jar with the environment and arguments until it exits (a start that must fail), its outputs in
     * {@code <name>-stdout.log} and {@code <name>-stderr.log}; returns the exit status.
     */
    public static int runToExit(String name, Map<String, String> env, String... args) throws Exception {
        Path jar = Path.of(System.getProperty("docverify.jar"));
        Path dir = logDir();
        var command = new ArrayList<String>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectOutput(dir.resolve(name + "-stdout.log").toFile())
                .redirectError(dir.resolve(name + "-stderr.log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("DOCVERIFY_"));
        builder.environment().put("DOCVERIFY_PORT", "0");
        builder.environment().put("DOCVERIFY_METRICS_PORT", "off");
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + ": the service did not exit within 60 s");
        }
        return process.exitValue();
    }

    public int port() {
        return port;
    }

    public ManagedChannel channel() {
        return channel;
    }

    public Process process() {
        return process;
    }

    /** What the service wrote to standard error so far (its log). */
    public String log() throws IOException {
        return Files.readString(stderr);
    }

    public String stdout() throws IOException {
        return Files.readString(stdout);
    }

    /** The metrics port from the startup line, if metrics are served. */
    public Optional<Integer> metricsPort() throws IOException {
        Matcher m = METRICS.matcher(stdout());
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /** The Prometheus text of the metrics endpoint. */
    public String metrics(HttpClient http) throws Exception {
        int metricsPort = metricsPort().orElseThrow(() -> new AssertionError("metrics are off"));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The health of the whole server ("" service), asked without a key as a load balancer would. */
    public HealthCheckResponse.ServingStatus health() {
        return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService("").build()).getStatus();
    }

    /** A line of {@code /proc/<pid>/status} in KiB ({@code VmRSS}, {@code VmHWM}: peak resident), on Linux. */
    public OptionalLong procStatusKib(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** Stops the service with SIGTERM (graceful), forcibly if it does not end in 15 s. */
    @Override
    public void close() {
        channel.shutdownNow();
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
