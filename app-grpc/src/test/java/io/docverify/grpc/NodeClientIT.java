package io.docverify.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The polyglot end-to-end test: the packaged jar, started as a user would ({@code java -jar}, ephemeral port, an
 * API key from the environment), called by a Node client that knows only the project's .proto files
 * ({@code src/test/node/client.mjs}, dependencies installed with {@code npm ci} from the committed lock file).
 * Node and npm must be installed: a missing tool fails the test, it is never skipped. The client also cuts uploads
 * short the ways grpc-js does (a half-close without {@code finish}, {@code call.cancel()} at random points, a
 * deadline mid-file) and checks that none of them stores anything or keeps its idempotency key.
 */
class NodeClientIT {
    /** The API key of the started service (the log scan looks for it). */
    static final String KEY = "node-e2e-key-0123456789";
    /** Watches the client opens on one connection and cancels at once (more than the old fixed reset limit). */
    private static final int MASS_WATCHES = 2_500;
    private static final Pattern LISTENING = Pattern.compile("docverify listening on 127\\.0\\.0\\.1:(\\d+)");

    private Process service;
    private Path serviceLog;

    @AfterEach
    void stopTheService() throws Exception {
        if (service != null && service.isAlive()) {
            service.destroy();
            if (!service.waitFor(15, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aNodeClientSeedsUploadsWatchesReviewsAndReadsErrorsThroughTheProtoFiles() throws Exception {
        Path jar = Path.of(System.getProperty("docverify.jar"));
        Path workDir = Path.of(System.getProperty("docverify.work.dir"));
        assertThat(jar).as("the packaged service").isRegularFile();
        prepareClient(Path.of(System.getProperty("docverify.node.dir")), workDir);

        Result install = run(workDir, Map.of(), 300, npm(), "ci", "--no-audit", "--no-fund");
        assertThat(install.exitCode()).as("npm ci:%n%s", install.output()).isZero();

        int port = startService(jar, workDir);
        Result client = run(workDir, Map.of("DOCVERIFY_PROTO_DIR", System.getProperty("docverify.proto.dir"),
                "DOCVERIFY_NODE_MASS_WATCHES", String.valueOf(MASS_WATCHES)), 120,
                "node", "client.mjs", String.valueOf(port), KEY);

        assertThat(client.exitCode()).as("node client.mjs:%n%s%nservice log:%n%s", client.output(), serviceLog())
                .isZero();
        assertThat(client.output()).contains(ClientFlow.LINES).contains(
                "error: no finish -> INVALID_ARGUMENT ValidationError /finish, nothing stored",
                "error: wrong size -> INVALID_ARGUMENT ValidationError",
                "error: declared over 10 MiB -> INVALID_ARGUMENT fileTooLarge",
                "entries of the customer, oldest first",
                "error: malformed page token -> INVALID_ARGUMENT ValidationError",
                "cancels: 40 uploads cancelled at random points stored 0 documents; each retry under its key "
                        + "created exactly 1",
                "deadline: DEADLINE_EXCEEDED mid-file stored nothing; the retry under its key created exactly 1",
                "mass cancel: " + MASS_WATCHES + " watches cancelled at once on one connection; the watch left open"
                        + " heard the review");

        service.destroy();
        assertThat(service.waitFor(15, TimeUnit.SECONDS)).as("the service stops on SIGTERM").isTrue();
        assertThat(serviceLog()).contains("event=\"server.stopped\"").doesNotContain(KEY);
    }

    private static void prepareClient(Path source, Path workDir) throws IOException {
        Files.createDirectories(workDir);
        for (String file : List.of("package.json", "package-lock.json", "client.mjs")) {
            Files.copy(source.resolve(file), workDir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private int startService(Path jar, Path workDir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        serviceLog = workDir.resolve("service.log");
        var builder = new ProcessBuilder(java, "-jar", jar.toString())
                .redirectError(serviceLog.toFile());
        builder.environment().put("DOCVERIFY_PORT", "0");
        builder.environment().put("DOCVERIFY_API_KEYS", KEY);
        builder.environment().put("DOCVERIFY_METRICS_PORT", "off");
        // Room for the mass cancel: the watches and the client's other calls on its one connection.
        builder.environment().put("DOCVERIFY_MAX_CALLS_PER_CONNECTION", String.valueOf(MASS_WATCHES + 100));
        service = builder.start();
        var port = new CompletableFuture<Integer>();
        var stdout = new ArrayList<String>();
        Thread reader = new Thread(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(service.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    stdout.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new AssertionError("the service ended before listening: " + stdout));
        }, "docverify-stdout");
        reader.setDaemon(true);
        reader.start();
        return port.get(60, TimeUnit.SECONDS);
    }

    private String serviceLog() throws IOException {
        return serviceLog == null || !Files.exists(serviceLog) ? "" : Files.readString(serviceLog);
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs a tool to completion; a tool that is not installed fails the test with a clear message. */
    private static Result run(Path dir, Map<String, String> env, int timeoutSeconds, String... command)
            throws Exception {
        var builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("'" + command[0] + "' is required for the end-to-end test (install Node.js "
                    + "and npm; .ci/run does): " + e.getMessage(), e);
        }
        var output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(output unreadable: " + e.getMessage() + ")";
            }
        });
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), output.get(10, TimeUnit.SECONDS));
    }

    private static String npm() {
        return System.getProperty("os.name").toLowerCase().contains("win") ? "npm.cmd" : "npm";
    }
}
