package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.ports.contract.TestFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Dwolla's official Node SDK ({@code dwolla-v2}, with {@code form-data}, installed by {@code npm ci} from the
 * committed lock file) against the sandbox jar started as a user starts it ({@code java -jar
 * docverify-dwolla-sandbox.jar}): Dwolla's documented samples ({@code src/test/node/sdk-samples.js}) with only the
 * host changed: the SDK's token flow, a customer in {@code document} status, uploads, Location, get, list, a
 * beneficial owner, and the error bodies the SDK surfaces; then webhooks ({@code webhook-samples.js}): a subscription
 * through the SDK to the receiver users copy ({@code webhook-receiver.js}, on 127.0.0.1), documents reviewed through
 * the control API, each signed webhook verified and its resource read back, and a delivery signed with another
 * secret refused. Node and npm must be installed (test.sh installs them):
 * a missing tool fails the test, it is never skipped.
 */
class NodeSdkIT {
    private Process sandbox;

    @AfterEach
    void stopTheSandbox() throws Exception {
        if (sandbox != null && sandbox.isAlive()) {
            sandbox.destroy();
            if (!sandbox.waitFor(15, TimeUnit.SECONDS)) {
                sandbox.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void dwollasNodeSdkRunsDwollasSamplesAgainstTheSandboxJar() throws Exception {
        Path jar = Path.of(System.getProperty("docverify.sandbox.jar"));
        Path work = Path.of(System.getProperty("docverify.work.dir"));
        assertThat(jar).as("the sandbox jar, built in the package phase").isRegularFile();
        prepare(Path.of(System.getProperty("docverify.node.dir")), work);

        Result install = run(work, Map.of(), 300, npm(), "ci", "--no-audit", "--no-fund");
        assertThat(install.exitCode()).as("npm ci:%n%s", install.output()).isZero();

        Path log = work.resolve("sandbox.log");
        Map<String, String> printed = start(jar, log);
        assertThat(printed.keySet()).containsExactly("DWOLLA_SANDBOX_URL", "DWOLLA_SANDBOX_KEY",
                "DWOLLA_SANDBOX_SECRET");
        assertThat(printed.get("DWOLLA_SANDBOX_URL")).matches("http://127\\.0\\.0\\.1:\\d+");

        Result samples = run(work, printed, 120, "node", "sdk-samples.js");

        assertThat(samples.exitCode()).as("node sdk-samples.js:%n%s%nsandbox log:%n%s", samples.output(),
                read(log)).isZero();
        assertThat(samples.output()).contains(
                "token: 50 characters, expires_in 3600",
                "customer: document, verify-with-document true",
                "sample customer: fc451a7a-ae30-4404-ab95-e3553fcd733f document",
                "sample upload: Location <base>/documents/<id>",
                "document: passport pending pending",
                "list: total 1, first is the upload true",
                "error: duplicate -> 400 DuplicateResource \"Document already exists. Follow the link to find the "
                        + "existing document for the Customer.\" about=document",
                "error: invalid file type -> 400 invalidFileType",
                "error: too large -> 413 fileTooLarge \"Document requests are limited to 10 MiB.\"",
                "error: fifth pending -> 400 maximumNumberOfResources",
                "error: unknown customer -> 404 notFound \"Customer not found. Check CustomerId.\"",
                "beneficial owner: document document, verify-with-document true",
                "sample owner upload: Location <base>/documents/<id>",
                "owner document: license pending, listed true",
                "error: owner duplicate -> 400 DuplicateResource",
                "error: owner invalid file type -> 400 invalidFileType",
                "error: unknown beneficial owner -> 404 NotFound \"The requested resource was not found.\"",
                "subscription: Location <base>/webhook-subscriptions/<id>, paused false",
                "webhook: customer_verification_document_failed signed, topic header matches, resource rejected "
                        + "ScanNotReadable",
                "webhook: customer_verification_document_approved signed, topic header matches, resource accepted",
                "webhook: customer_verified signed, owner verified",
                "webhook: customer_beneficial_owner_verification_document_approved signed, topic header matches, "
                        + "resource accepted",
                "webhook: customer_beneficial_owner_verified signed, owner verified",
                "webhook: customer_beneficial_owner_verification_document_failed signed, topic header matches, "
                        + "resource rejected ScanDobMismatch",
                "webhook: signed with another secret -> refused 401, verifier false",
                "webhook: its retry after PT15M on the sandbox clock -> accepted, same event id",
                "done");

        sandbox.destroy();
        assertThat(sandbox.waitFor(15, TimeUnit.SECONDS)).as("the sandbox stops on SIGTERM").isTrue();
        assertThat(read(log)).contains("Dwolla sandbox listening on", "Dwolla sandbox stopped; OpenAPI violations: 0")
                .doesNotContain(printed.get("DWOLLA_SANDBOX_SECRET")).doesNotContain(printed.get("DWOLLA_SANDBOX_KEY"))
                .doesNotContain("DEBUG");
    }

    /** The client, its lock file and the files Dwolla's samples upload (each unique but where a duplicate is meant). */
    private static void prepare(Path source, Path work) throws IOException {
        Files.createDirectories(work);
        for (String file : List.of("package.json", "package-lock.json", "sdk-samples.js", "webhook-samples.js",
                "webhook-receiver.js")) {
            Files.copy(source.resolve(file), work.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.write(work.resolve("mclovin.jpg"), TestFiles.jpeg(2048));
        for (int i = 1; i <= 6; i++) {
            Files.write(work.resolve("doc-" + i + ".jpg"), TestFiles.jpeg(1024 + i));
        }
        Files.write(work.resolve("photo.gif"), TestFiles.gif());
        Files.write(work.resolve("big.jpg"), TestFiles.jpeg(10 * 1024 * 1024 + 1));
    }

    /** Starts the jar with the samples' owners seeded (ids in Dwolla's mixed case) and reads its three lines. */
    private Map<String, String> start(Path jar, Path log) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        sandbox = new ProcessBuilder(java, "-jar", jar.toString(), "--port", "0",
                "--customer", "1de32eC7-ff0b-4c0c-9f09-19629e6788ce",
                "--customer", "FC451A7A-AE30-4404-AB95-E3553FCD733F",
                "--beneficial-owner", "1DE32EC7-FF0B-4C0C-9F09-19629E6788CE")
                .redirectError(log.toFile()).start();
        var lines = new CopyOnWriteArrayList<String>();
        var printed = new CompletableFuture<Map<String, String>>();
        Thread reader = new Thread(() -> {
            try (var out = new BufferedReader(new InputStreamReader(sandbox.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                    if (lines.size() == 3) {
                        var values = new java.util.LinkedHashMap<String, String>();
                        lines.forEach(l -> values.put(l.substring(0, Math.max(0, l.indexOf('='))),
                                l.substring(l.indexOf('=') + 1)));
                        printed.complete(values);
                    }
                }
            } catch (IOException e) {
                printed.completeExceptionally(e);
            }
            printed.completeExceptionally(new AssertionError("the sandbox printed " + lines + " and ended"));
        }, "sandbox-stdout");
        reader.setDaemon(true);
        reader.start();
        Map<String, String> values = printed.get(60, TimeUnit.SECONDS);
        Thread.sleep(200);
        assertThat(lines).as("standard output carries exactly three lines").hasSize(3);
        return values;
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(Path dir, Map<String, String> env, int timeoutSeconds, String... command)
            throws Exception {
        var builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("'" + command[0] + "' is required for this test (install Node.js and npm; "
                    + "test.sh does): " + e.getMessage(), e);
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
        return System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("win") ? "npm.cmd" : "npm";
    }
}
