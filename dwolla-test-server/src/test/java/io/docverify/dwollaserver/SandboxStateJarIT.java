package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --state FILE} through the real jar, as a QA environment runs it: start, create a customer, stop with SIGTERM
 * (the shutdown hook writes the file), start again, read the customer back. And a broken file stops the start with
 * one line on standard error and exit code 1. And with {@code --state-interval}, what was made before the last
 * interval survives a SIGKILL (no shutdown hook runs).
 */
class SandboxStateJarIT {
    private static final String PERSONAL = DwollaBodies.personal("document");
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private Process start(Path state, Path log, String... more) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path jar = Path.of(System.getProperty("docverify.sandbox.jar"));
        assertThat(jar).as("the sandbox jar, built in the package phase").isRegularFile();
        var command = new ArrayList<>(List.of(java, "-jar", jar.toString(), "--key", "qa-key",
                "--secret", "qa-secret", "--no-openapi", "--state", state.toString()));
        command.addAll(List.of(more));
        return new ProcessBuilder(command).redirectError(log.toFile()).start();
    }

    private static String baseUrl(Process sandbox) throws Exception {
        var out = new BufferedReader(new InputStreamReader(sandbox.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertThat(first).as("the first line of standard output").startsWith("DWOLLA_SANDBOX_URL=");
        return first.substring(first.indexOf('=') + 1);
    }

    private String token(String base) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(base + "/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "qa-key:qa-secret".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body()).path("access_token").asText();
    }

    private HttpResponse<String> createPersonalCustomer(String base, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/customers"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Accept", "application/vnd.dwolla.v1.hal+json")
                .POST(HttpRequest.BodyPublishers.ofString(PERSONAL)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String base, String token, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/vnd.dwolla.v1.hal+json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void stop(Process sandbox) throws Exception {
        sandbox.destroy(); // SIGTERM: the shutdown hook stops the server and writes the state
        assertThat(sandbox.waitFor(30, TimeUnit.SECONDS)).as("stopped").isTrue();
    }

    @Test
    void aCustomerSurvivesARestartOfTheJar() throws Exception {
        Path state = dir.resolve("qa-state.json");
        Path log = dir.resolve("sandbox.log");
        Process first = start(state, log);
        String id;
        try {
            String base = baseUrl(first);
            var created = createPersonalCustomer(base, token(base));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            id = lastSegment(created.headers().firstValue("Location").orElseThrow());
        } finally {
            stop(first);
        }
        assertThat(state).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rw-------");
        assertThat(Files.readString(log)).contains("state saved to").doesNotContain("qa-secret");

        Process second = start(state, dir.resolve("sandbox-2.log"));
        try {
            String base = baseUrl(second);
            var read = get(base, token(base), "/customers/" + id);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            var customer = new ObjectMapper().readTree(read.body());
            assertThat(customer.path("id").asText()).isEqualTo(id);
            assertThat(customer.path("status").asText()).isEqualTo("document");
            assertThat(customer.path("email").asText()).isEqualTo("jane@example.com");
        } finally {
            stop(second);
        }
    }

    @Test
    void aCustomerAndADocumentSurviveASigkillOnceTheIntervalHasPassed() throws Exception {
        Path state = dir.resolve("qa-state.json");
        Path log = dir.resolve("killed.log");
        Process first = start(state, log, "--state-interval", "1s");
        String customer;
        String document;
        try {
            String base = baseUrl(first);
            String token = token(base);
            var created = createPersonalCustomer(base, token);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            customer = lastSegment(created.headers().firstValue("Location").orElseThrow());
            String boundary = "state-interval-boundary";
            byte[] png = io.docverify.ports.contract.TestFiles.png();
            var body = new java.io.ByteArrayOutputStream();
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"documentType\"\r\n\r\n"
                    + "passport\r\n"
                    + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
                    + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            body.write(png);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            var uploaded = http.send(HttpRequest.newBuilder(URI.create(base + "/customers/" + customer + "/documents"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .header("Accept", "application/vnd.dwolla.v1.hal+json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
            document = lastSegment(uploaded.headers().firstValue("Location").orElseThrow());
            // Past the interval (1 s, checked every second): wait until the file holds both, at most 15 s.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!(Files.exists(state) && Files.readString(state).contains(document))) {
                assertThat(System.nanoTime()).as("the state file was written within 15 s").isLessThan(deadline);
                Thread.sleep(100);
            }
        } finally {
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no save on stop
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
        }
        assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        assertThat(Files.readString(log)).doesNotContain("state saved to").doesNotContain("qa-secret");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")))
                    .as("no temporary file left beside the state file").isEmpty();
        }

        Process second = start(state, dir.resolve("killed-2.log"));
        try {
            String base = baseUrl(second);
            String token = token(base);
            var read = get(base, token, "/documents/" + document);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(read.body()).path("status").asText()).isEqualTo("pending");
            var owner = get(base, token, "/customers/" + customer);
            assertThat(owner.statusCode()).as(owner.body()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(owner.body()).path("email").asText()).isEqualTo("jane@example.com");
        } finally {
            stop(second);
        }
    }

    private static String lastSegment(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Test
    void aBrokenStateFileStopsTheStartWithOneLine() throws Exception {
        Path state = Files.writeString(dir.resolve("broken.json"), "{\"format\":");
        Path log = dir.resolve("broken.log");
        Process sandbox = start(state, log);
        assertThat(sandbox.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(sandbox.exitValue()).isEqualTo(1);
        assertThat(new String(sandbox.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
        String errors = Files.readString(log);
        assertThat(errors.lines().filter(l -> l.startsWith("cannot start the Dwolla sandbox: state file ")))
                .hasSize(1);
        assertThat(errors).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(Files.readString(state)).isEqualTo("{\"format\":");
    }
}
