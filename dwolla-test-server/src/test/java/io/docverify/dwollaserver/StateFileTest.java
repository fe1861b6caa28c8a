package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.docverify.ports.contract.TestFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --state FILE}: a sandbox stopped and started again with the same file answers as before, and a file it cannot
 * read refuses the start in one line instead of starting empty.
 */
class StateFileTest {
    private static final String PERSONAL = DwollaBodies.personal("document");
    private static final String BUSINESS = """
            {"firstName":"Account","lastName":"Admin","email":"admin@example.com","type":"business",
             "businessName":"document","businessType":"llc","address1":"99-99 33rd St","city":"Some City",
             "state":"NY","postalCode":"11101","controller":{"firstName":"Con","lastName":"Troller"}}""";
    private static final String OWNER = """
            {"firstName":"document","lastName":"Owner","address":{"address1":"123 Corrected St.","city":"Des Moines",
             "stateProvinceRegion":"IA","country":"US","postalCode":"50309"}}""";

    @TempDir
    Path dir;

    private DwollaTestServer start(Path state) {
        return DwollaTestServer.start(DwollaServerConfig.builder().stateFile(state).build());
    }

    private static TestClient.Answer post(TestClient client, DwollaTestServer server, String path, String json) {
        return client.send(client.authorized(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static String created(TestClient.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        String location = answer.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** A body with the server's base URL taken out, so two servers on two ports compare equal. */
    private static String portless(DwollaTestServer server, TestClient.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.body().replace(server.baseUrl(), "BASE");
    }

    @Test
    void ownersDocumentsEventsAndSubscriptionsSurviveARestartAndTheRulesStillHold() throws Exception {
        Path state = dir.resolve("sandbox-state.json");
        String person;
        String business;
        String owner;
        String rejected;
        String subscription;
        byte[] reviewedFile = TestFiles.png(4000);
        Map<String, String> before = new java.util.LinkedHashMap<>();
        try (DwollaTestServer first = start(state)) {
            var client = new TestClient(first);
            client.login();
            person = created(post(client, first, "/customers", PERSONAL));
            business = created(post(client, first, "/customers", BUSINESS));
            owner = created(post(client, first, "/customers/" + business + "/beneficial-owners", OWNER));
            rejected = created(client.upload("/customers/" + person + "/documents", "passport", "a.png", reviewedFile));
            Seeds.join(first.control().review(new io.docverify.domain.DocumentId(rejected),
                    io.docverify.domain.review.ReviewDecision.reject(
                            io.docverify.domain.review.KnownFailureReason.SCAN_ID_EXPIRED)));
            for (int i = 0; i < 4; i++) {
                created(client.upload("/beneficial-owners/" + owner + "/documents", "license", "b.png",
                        TestFiles.png(4100 + i)));
            }
            subscription = created(post(client, first, "/webhook-subscriptions",
                    "{\"url\":\"http://127.0.0.1:9/hooks\",\"secret\":\"a-secret-of-the-test\"}"));
            for (String path : new String[] {"/customers/" + person, "/customers/" + business,
                "/beneficial-owners/" + owner, "/documents/" + rejected, "/customers/" + person + "/documents",
                "/beneficial-owners/" + owner + "/documents", "/events", "/webhook-subscriptions/" + subscription}) {
                before.put(path, portless(first, client.get(path)));
            }
            assertThat(first.openApiViolations()).isEmpty();
        }

        assertThat(state).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rw-------");
        assertThat(Files.list(dir)).containsExactly(state); // no temporary file left beside it
        assertThat(Files.readString(state)).contains("\"version\":1").doesNotContain("a.png");

        try (DwollaTestServer second = start(state)) {
            var client = new TestClient(second);
            client.login();
            before.forEach((path, body) -> assertThat(portless(second, client.get(path))).as(path).isEqualTo(body));
            // Dwolla's duplicate rule and the pending limit hold across the restart.
            TestClient.Answer duplicate = client.upload("/customers/" + person + "/documents", "passport", "a.png",
                    reviewedFile);
            assertThat(duplicate.status()).isEqualTo(400);
            assertThat(duplicate.code()).isEqualTo("DuplicateResource");
            TestClient.Answer fifth = client.upload("/beneficial-owners/" + owner + "/documents", "idCard", "c.png",
                    TestFiles.png(4200));
            assertThat(fifth.status()).isEqualTo(400);
            assertThat(fifth.code()).isEqualTo("maximumNumberOfResources");
            assertThat(second.openApiViolations()).isEmpty();
        }
    }

    @Test
    void everyIntervalTheStateIsWrittenIfSomethingChangedAndOnlyThen() throws Exception {
        Path state = dir.resolve("periodic-state.json");
        try (DwollaTestServer server = DwollaTestServer.start(DwollaServerConfig.builder().stateFile(state)
                .stateInterval(Duration.ofMillis(100)).build())) {
            Thread.sleep(500);
            assertThat(state).as("nothing changed yet: nothing written").doesNotExist();

            var client = new TestClient(server);
            client.login();
            String customer = created(post(client, server, "/customers", PERSONAL));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(state)
                    && Files.readString(state).contains(customer));
            Thread.sleep(300); // a save that was already under way when the customer appeared settles
            Object written = Files.readAttributes(state, BasicFileAttributes.class).fileKey();
            Thread.sleep(500);
            assertThat(Files.readAttributes(state, BasicFileAttributes.class).fileKey())
                    .as("five intervals without a change: the file was not written again").isEqualTo(written);

            String document = created(client.upload("/customers/" + customer + "/documents", "passport", "a.png",
                    TestFiles.png()));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(state).contains(document));
            assertThat(Files.list(dir)).as("no temporary file left beside it").containsExactly(state);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rw-------");
        }
        try (DwollaTestServer again = start(state)) {
            assertThat(again.control().owners()).hasSize(1);
            assertThat(again.control().owners().get(0).documents()).hasSize(1);
        }
    }

    @Test
    void withTheIntervalOffTheStateIsWrittenOnlyOnStop() throws Exception {
        Path state = dir.resolve("off-state.json");
        try (DwollaTestServer server = DwollaTestServer.start(DwollaServerConfig.builder().stateFile(state)
                .stateInterval(Duration.ZERO).build())) {
            Seeds.customerAwaitingDocuments(server);
            Thread.sleep(300);
            assertThat(state).doesNotExist();
        }
        assertThat(state).isRegularFile();
    }

    @Test
    void aMissingFileIsAnEmptyStartAndIsWrittenOnStop() {
        Path state = dir.resolve("new-state.json");
        try (DwollaTestServer server = start(state)) {
            assertThat(server.control().owners()).isEmpty();
        }
        assertThat(state).isRegularFile();
        try (DwollaTestServer again = start(state)) {
            assertThat(again.control().owners()).isEmpty();
        }
    }

    @Test
    void aFileThatIsNotAStateFileRefusesTheStartInOneLine() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"format\":\"docverify-dwolla-sandbox-st");
        Path other = Files.writeString(dir.resolve("other.json"), "{\"owners\":[]}");
        Path badEntry = Files.writeString(dir.resolve("bad.json"), "{\"format\":\"docverify-dwolla-sandbox-state\","
                + "\"version\":1,\"owners\":[{\"kind\":\"customer\",\"id\":\"c-1\"}]}");

        for (Path file : new Path[] {broken, other, badEntry}) {
            assertThatThrownBy(() -> start(file)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("state file " + file).satisfies(e -> assertThat(e.getMessage())
                            .doesNotContain("\n"));
        }
        assertThatThrownBy(() -> start(badEntry)).hasMessageContaining("bad entry in \"owners\"");
        // The refused files are left as they were.
        assertThat(Files.readString(other)).isEqualTo("{\"owners\":[]}");
    }

    @Test
    void aNewerVersionRefusesTheStart() throws IOException {
        Path newer = Files.writeString(dir.resolve("newer.json"),
                "{\"format\":\"docverify-dwolla-sandbox-state\",\"version\":2,\"owners\":[]}");

        assertThatThrownBy(() -> start(newer)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is version 2").hasMessageContaining("reads versions 1 to 1");
    }

    @Test
    void aWriteThatFailsPartWayLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path state = Files.writeString(dir.resolve("state.json"), "OLD");

        assertThatThrownBy(() -> StateFile.writeAtomically(state, out -> {
            out.write("{\"format\":\"docverify-dwolla-sandbox-state\",\"version\":1,\"owners\":[".getBytes(
                    StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");

        assertThat(Files.readString(state)).isEqualTo("OLD");
        assertThat(Files.list(dir)).containsExactly(state);
    }

    @Test
    void theMainEntryKeepsACustomerAcrossARestartAndSeedsAreNotMadeTwice() {
        Path state = dir.resolve("main-state.json");
        String[] args = {"--no-openapi", "--key", "key", "--secret", "secret", "--state", state.toString(),
            "--customer", "c-seeded"};
        String id;
        try (DwollaTestServer server = DwollaServerMain.start(args, Map.of())) {
            var client = new TestClient(server);
            client.login();
            id = created(post(client, server, "/customers", PERSONAL));
        }
        try (DwollaTestServer server = DwollaServerMain.start(new String[] {"--no-openapi", "--key", "key", "--secret", "secret",
            "--customer", "c-seeded"},
                Map.of("DWOLLA_SANDBOX_STATE", state.toString()))) {
            var client = new TestClient(server);
            client.login();
            TestClient.Answer read = client.get("/customers/" + id);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().path("email").asText()).isEqualTo("jane@example.com");
            assertThat(server.control().owners()).hasSize(2);
        }
    }
}
