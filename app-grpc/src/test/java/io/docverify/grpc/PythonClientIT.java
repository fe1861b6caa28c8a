package io.docverify.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The second language of the polyglot end-to-end test: the packaged jar, started as a user would, called by a Python
 * client ({@code src/test/python/client.py}) whose stubs protoc generates here, into {@code target/python-client},
 * from the project's .proto files alone. Everything comes from Debian's packages (PyPI is not used):
 * {@code python3-grpcio} and {@code python3-protobuf} for the runtime, {@code protobuf-compiler} and
 * {@code protobuf-compiler-grpc} (its {@code grpc_python_plugin}) for the stubs; {@code ./test.sh} installs them.
 * A missing tool fails the test with the command that installs it; it is never skipped. Same flow as the Node
 * client: seed, upload with the {@code finish} message, watch, review, typed errors read from {@code ErrorInfo}.
 */
class PythonClientIT {
    /** The API key of the started service (the log scan looks for it). */
    static final String KEY = "python-e2e-key-0123456789";
    /** Debian's interpreter: the packages install into its dist-packages, not into a pyenv or venv python. */
    private static final String PYTHON = System.getProperty("docverify.python", "/usr/bin/python3");
    /** protoc's gRPC plugin for Python, from {@code protobuf-compiler-grpc}. */
    private static final String PLUGIN = "/usr/bin/grpc_python_plugin";
    private static final String INSTALL = "apt-get install -y python3-grpcio python3-protobuf protobuf-compiler "
            + "protobuf-compiler-grpc (./test.sh does)";

    @Test
    void aPythonClientSeedsUploadsWatchesReviewsAndReadsErrorsThroughTheProtoFiles() throws Exception {
        Path protoDir = Path.of(System.getProperty("docverify.proto.dir"));
        Path workDir = Path.of(System.getProperty("docverify.python.work.dir"));
        Path stubs = workDir.resolve("stubs");
        Files.createDirectories(stubs);
        assertThat(Path.of(PLUGIN)).as("protoc's gRPC Python plugin: " + INSTALL).isExecutable();
        var protoc = new ArrayList<>(List.of("protoc", "-I", protoDir.toString(), "--python_out=" + stubs,
                "--grpc_python_out=" + stubs, "--plugin=protoc-gen-grpc_python=" + PLUGIN));
        try (Stream<Path> files = Files.walk(protoDir)) {
            files.filter(f -> f.toString().endsWith(".proto")).map(f -> protoDir.relativize(f).toString()).sorted()
                    .forEach(protoc::add);
        }
        Result generated = run(workDir, 60, protoc);
        assertThat(generated.exitCode()).as("protoc:%n%s", generated.output()).isZero();
        assertThat(stubs.resolve("docverify/v1/document_service_pb2_grpc.py")).isRegularFile();

        try (RunningJar service = RunningJar.start("python-client", List.of(), Map.of("DOCVERIFY_API_KEYS", KEY))) {
            Path client = Path.of(System.getProperty("docverify.python.dir")).resolve("client.py");
            Result run = run(workDir, 120, List.of(PYTHON, client.toString(), String.valueOf(service.port()), KEY,
                    stubs.toString()));

            assertThat(run.exitCode()).as("python3 client.py:%n%s%nservice log:%n%s", run.output(), service.log())
                    .isZero();
            assertThat(run.output()).contains(ClientFlow.LINES).contains(
                    "error: no finish -> INVALID_ARGUMENT ValidationError",
                    "error: no finish names /finish, nothing stored",
                    "history: ", "entries of the customer, oldest first: upload_started, upload_ended",
                    "error: malformed page token -> INVALID_ARGUMENT ValidationError");
            assertThat(service.log()).doesNotContain(KEY);
        }
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs a tool to completion, its output in one string; a tool that is not installed fails with how to install. */
    private static Result run(Path dir, int timeoutSeconds, List<String> command) throws Exception {
        Path output = Files.createTempFile(dir, "run-", ".out");
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("'" + command.get(0) + "' is required for the Python end-to-end test: "
                    + INSTALL + ": " + e.getMessage(), e);
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish in " + timeoutSeconds + " s");
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        if (text.contains("ModuleNotFoundError")) {
            throw new AssertionError("Debian's Python gRPC packages are missing: " + INSTALL + "\n" + text);
        }
        return new Result(process.exitValue(), text);
    }
}
