package io.docverify.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proto checks of {@code src/main/proto/buf.yaml}, run with the buf CLI from npm ({@code @bufbuild/buf}, pinned
 * by {@code src/test/buf/package-lock.json}, installed with {@code npm ci} into {@code target/buf-tool}): the
 * standard lint rules, and no breaking change (FILE category) against {@code buf-baseline.binpb}, the image of the
 * released docverify.v1. A failure shows buf's own report. Two more tests prove each check can fail, on a copy of
 * the protos with one defect. Node and npm must be installed (./test.sh does): a missing tool fails, never skips.
 */
class BufIT {
    private static final String BASELINE = "buf-baseline.binpb";
    private static final String REFRESH = "app-grpc/src/test/buf/refresh-baseline.sh";

    private static Path buf;
    private static Path protoDir;

    @BeforeAll
    static void installBuf() throws Exception {
        protoDir = Path.of(System.getProperty("docverify.proto.dir"));
        Path source = Path.of(System.getProperty("docverify.buf.dir"));
        Path tool = Path.of(System.getProperty("docverify.buf.work.dir"));
        Files.createDirectories(tool);
        for (String file : List.of("package.json", "package-lock.json")) {
            Files.copy(source.resolve(file), tool.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        // --ignore-scripts: the package's postinstall only shortcuts its launcher, which finds the binary without it.
        Run install = run(tool, 300, npm(), "ci", "--ignore-scripts", "--no-audit", "--no-fund");
        assertThat(install.exitCode()).as("npm ci of @bufbuild/buf:%n%s", install.output()).isZero();
        buf = tool.resolve("node_modules").resolve(".bin").resolve("buf");
        assertThat(buf).as("buf's launcher after npm ci").exists();
    }

    @Test
    void theProtosPassTheStandardLintRules() throws Exception {
        Run lint = buf(protoDir, "lint");
        assertThat(lint.exitCode()).as("buf lint (rules: src/main/proto/buf.yaml):%n%s", lint.output()).isZero();
    }

    @Test
    void theProtosBreakNothingOfTheReleasedApi() throws Exception {
        assertThat(protoDir.resolve(BASELINE)).as("the committed image of the released API").isRegularFile();
        Run breaking = buf(protoDir, "breaking", "--against", protoDir.resolve(BASELINE).toString());
        assertThat(breaking.exitCode()).as("buf breaking against %s: a breaking change needs a new package version "
                        + "(docverify.v2); a new release of v1 refreshes the baseline with %s%n%s",
                BASELINE, REFRESH, breaking.output()).isZero();
    }

    @Test
    void theBreakingCheckReportsARemovedField(@TempDir Path copy) throws Exception {
        copyProtos(copy);
        edit(copy.resolve("docverify/v1/document.proto"), "  string description = 2;\n", "");

        Run breaking = buf(copy, "breaking", "--against", protoDir.resolve(BASELINE).toString());

        assertThat(breaking.exitCode()).as("buf breaking on a copy without FailureReason.description:%n%s",
                breaking.output()).isNotZero();
        assertThat(breaking.output()).contains("docverify/v1/document.proto")
                .contains("Previously present field \"2\" with name \"description\" on message \"FailureReason\"");
    }

    @Test
    void theLintReportsAnEnumWithoutItsUnspecifiedZero(@TempDir Path copy) throws Exception {
        copyProtos(copy);
        edit(copy.resolve("docverify/v1/document.proto"), "DOCUMENT_STATUS_UNSPECIFIED = 0;",
                "DOCUMENT_STATUS_NONE = 0;");

        Run lint = buf(copy, "lint");

        assertThat(lint.exitCode()).as("buf lint on a copy with a bad zero value:%n%s", lint.output()).isNotZero();
        assertThat(lint.output()).contains("docverify/v1/document.proto")
                .contains("\"DOCUMENT_STATUS_NONE\" should be suffixed with \"_UNSPECIFIED\"");
    }

    /** The proto module (buf.yaml, the .proto files, the baseline) copied into {@code copy}. */
    private static void copyProtos(Path copy) throws IOException {
        try (Stream<Path> files = Files.walk(protoDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = copy.resolve(protoDir.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).as("%s before the edit", file.getFileName()).contains(from);
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }

    private record Run(int exitCode, String output) {
    }

    /** buf with {@code args}, in the module directory {@code module} (buf reads its buf.yaml there). */
    private static Run buf(Path module, String... args) throws Exception {
        var command = new ArrayList<String>();
        command.add(buf.toString());
        command.addAll(List.of(args));
        return run(module, 120, command.toArray(String[]::new));
    }

    /** Runs a tool to completion; a tool that is not installed fails the test with how to install it. */
    private static Run run(Path dir, int timeoutSeconds, String... command) throws Exception {
        Path output = Files.createTempFile("buf-it-", ".out");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
            } catch (IOException e) {
                throw new AssertionError("'" + command[0] + "' is required for the proto checks (install Node.js "
                        + "and npm; ./test.sh does): " + e.getMessage(), e);
            }
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String npm() {
        return System.getProperty("os.name").toLowerCase().contains("win") ? "npm.cmd" : "npm";
    }
}
