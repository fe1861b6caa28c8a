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
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --state FILE} through the real jar, as a QA environment runs it: start, create a customer, stop with SIGTERM
 * (the shutdown hook writes the file), start again, read the customer back. And a broken file stops the start with
 * one line on standard error and exit code 1.
 */
class SandboxStateJarIT {
    private static final String PERSONAL = "{\"firstName\":\"document\",\"lastName\":\"Doe\",\"email\":\"jane@example.com\","
            + "\"type\":\"personal\",\"address1\":\"99-99 33rd St\",\"city\":\"Some City\",\"state\":\"NY\","
            + "\"postalCode\":\"11101\",\"dateOfBirth\":\"1970-01-01\",\"ssn\":\"1234\"}";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private Process start(Path state, Path log) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path jar = Path.of(System.getProperty("docverify.sandbox.jar"));
        assertThat(jar).as("the sandbox jar, built in the package phase").isRegularFile();
        return new ProcessBuilder(java, "-jar", jar.toString(), "--key", "qa-key", "--secret", "qa-secret",
                "--no-openapi", "--state", state.toString()).redirectError(log.toFile()).start();
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
            var created = http.send(HttpRequest.newBuilder(URI.create(base + "/customers"))
                    .header("Authorization", "Bearer " + token(base))
                    .header("Content-Type", "application/json").header("Accept", "application/vnd.dwolla.v1.hal+json")
                    .POST(HttpRequest.BodyPublishers.ofString(PERSONAL)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String location = created.headers().firstValue("Location").orElseThrow();
            id = location.substring(location.lastIndexOf('/') + 1);
        } finally {
            stop(first);
        }
        assertThat(state).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rw-------");
        assertThat(Files.readString(log)).contains("state saved to").doesNotContain("qa-secret");

        Process second = start(state, dir.resolve("sandbox-2.log"));
        try {
            String base = baseUrl(second);
            var read = http.send(HttpRequest.newBuilder(URI.create(base + "/customers/" + id))
                    .header("Authorization", "Bearer " + token(base))
                    .header("Accept", "application/vnd.dwolla.v1.hal+json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
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
