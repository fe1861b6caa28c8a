package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.domain.CustomerId;
import io.docverify.domain.DocumentId;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.review.KnownFailureReason;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.ports.contract.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The reviewer page in a real browser: Debian's {@code chromium} ({@code /usr/bin/chromium}, or {@code CHROMIUM}),
 * driven by Playwright's {@code playwright-core} from npm ({@code src/test/browser}, installed with {@code npm ci}
 * from the committed lock file into {@code target/reviewer-browser}). It clicks Accept on a pending document and
 * sees the owner become verified (and saves {@code target/reviewer-page.png}); it checks two failure reasons and
 * clicks Reject, then reads the document back through Dwolla's {@code GET /documents/{id}}; and it renders the
 * README's screenshot scene ({@code target/sandbox-reviewer-page.png}, copied by hand to
 * {@code docs/sandbox-reviewer-page.png}). A missing node, npm or chromium fails the test (test.sh installs them);
 * it is never skipped.
 */
class ReviewerPageBrowserTest {
    private static final Path SOURCES = Path.of("src/test/browser");
    private static final Path WORK = Path.of("target/reviewer-browser");
    private static final Path SCREENSHOT = Path.of("target/reviewer-page.png");
    private static final Path README_SCREENSHOT = Path.of("target/sandbox-reviewer-page.png");

    @Test
    void acceptingByClickingVerifiesTheOwner() throws Exception {
        installPlaywright();
        try (DwollaTestServer server = DwollaTestServer.start(DwollaServerConfig.builder().build())) {
            Pending pending = twoPendingDocuments(server);
            Seeds.beneficialOwner(server, BeneficialOwnerStatus.DOCUMENT);
            String rejected = upload(pending.client(), pending.other(), "idCard", "c.png", TestFiles.png(4096));
            Seeds.join(server.sandbox().reviewDocument(new DocumentId(rejected),
                    ReviewDecision.reject(KnownFailureReason.SCAN_NOT_READABLE)));
            Files.deleteIfExists(SCREENSHOT);

            String output = run(WORK, 120, "node", "review.mjs", server.baseUrl() + "/_sandbox/", pending.document(),
                    pending.customer(), SCREENSHOT.toAbsolutePath().toString());

            assertThat(output).contains("before: document").contains("after: verified")
                    .contains("pending rows for the document: 0");
            assertThat(Seeds.join(server.sandbox().owner(new CustomerId(pending.customer()))).status())
                    .isEqualTo(CustomerStatus.VERIFIED);
            assertThat(Seeds.join(server.sandbox().owner(new CustomerId(pending.other()))).status())
                    .as("the other customer was not touched").isEqualTo(CustomerStatus.DOCUMENT);
            assertThat(SCREENSHOT).exists();
            assertThat(Files.size(SCREENSHOT)).isGreaterThan(1000);
        }
    }

    @Test
    void rejectingWithTwoCheckedReasonsByClickingKeepsBothAsDwollaServesThem() throws Exception {
        installPlaywright();
        try (DwollaTestServer server = DwollaTestServer.start(DwollaServerConfig.builder().build())) {
            Pending pending = twoPendingDocuments(server);
            TestClient client = pending.client();
            String customer = pending.customer();
            String document = pending.document();
            String untouched = pending.otherDocument();

            // Clicked in this order; the page sends them in its own (Dwolla's alphabetical) order.
            String output = run(WORK, 120, "node", "reject.mjs", server.baseUrl() + "/_sandbox/", document,
                    "ScanNotReadable", "ScanNameMismatch");

            assertThat(output).contains("pending rows before: 1")
                    .contains("message: Check at least one failure reason to reject.")
                    .contains("checked: ScanNameMismatch,ScanNotReadable")
                    .contains("pending rows after: 0")
                    .contains("reviewed / rejected | ScanNameMismatch, ScanNotReadable");
            TestClient.Answer read = client.get("/documents/" + document);
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            var body = read.json();
            assertThat(body.path("status").asText()).isEqualTo("reviewed");
            assertThat(body.path("documentVerificationStatus").asText()).isEqualTo("rejected");
            assertThat(body.path("failureReason").asText()).isEqualTo("ScanNameMismatch");
            assertThat(body.path("allFailureReasons").findValuesAsText("reason"))
                    .containsExactly("ScanNameMismatch", "ScanNotReadable");
            assertThat(body.path("allFailureReasons").findValuesAsText("description")).containsExactly(
                    KnownFailureReason.SCAN_NAME_MISMATCH.description(),
                    KnownFailureReason.SCAN_NOT_READABLE.description());
            // A name mismatch wins over an unreadable scan: Dwolla moves the customer to retry.
            TestClient.Answer owner = client.get("/customers/" + customer);
            assertThat(owner.json().path("status").asText()).as(owner.toString()).isEqualTo("retry");
            assertThat(client.get("/documents/" + untouched).json().path("status").asText())
                    .as("the other pending document was not touched").isEqualTo("pending");
            assertThat(server.openApiViolations()).isEmpty();
        }
    }

    /**
     * The README's screenshot: owners of both kinds, a pending document, a rejected and an accepted one, and a
     * webhook delivery whose first attempt got 503 and whose retry (the clock moved 15 minutes) got 200.
     */
    @Test
    void readmeScreenshotShowsOwnersDocumentsAndAWebhookRetriedAfterA503() throws Exception {
        installPlaywright();
        try (DwollaTestServer server = DwollaTestServer.start(DwollaServerConfig.builder().build());
                WebhookReceiver receiver = WebhookReceiver.start()) {
            TestClient client = loggedIn(server);
            var control = new ControlClient(server);
            try {
                receiver.answer(n -> n == 0 ? 503 : 200);
                String verified = Seeds.customerAwaitingDocuments(server);
                String waiting = Seeds.customerAwaitingDocuments(server);
                String owner = Seeds.beneficialOwner(server, BeneficialOwnerStatus.DOCUMENT);
                String accepted = upload(client, verified, "passport", "a.png", TestFiles.png());
                assertThat(control.post("/_sandbox/documents/" + accepted + "/review", "{\"decision\":\"accepted\"}")
                        .status()).isEqualTo(200);
                String rejected = location(client.upload("/beneficial-owners/" + owner + "/documents", "license",
                        "b.png", TestFiles.png(2048)));
                assertThat(control.post("/_sandbox/documents/" + rejected + "/review",
                        "{\"decision\":\"rejected\",\"reasons\":[\"ScanNotReadable\",\"ScanIdExpired\"]}")
                        .status()).isEqualTo(200);
                TestClient.Answer subscribed = client.send(client.authorized(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.baseUrl() + "/webhook-subscriptions")))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"url\":\"" + receiver.url()
                                + "\",\"secret\":\"a-secret-never-shown\"}")).build());
                assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(201);
                upload(client, waiting, "idCard", "c.png", TestFiles.png(4096));
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                        .until(() -> receiver.received().size() >= 1);
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                        .until(() -> server.reviewerPage().render().contains("<td class=\"attempt\">503</td>"));
                assertThat(control.post("/_sandbox/clock/advance", "{\"by\":\"PT15M\"}").status()).isEqualTo(200);
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                        .until(() -> server.reviewerPage().render().contains("<td class=\"attempt\">200</td>"));
                client.get("/customers/" + waiting + "/documents");
                client.get("/documents/" + rejected);
                Files.deleteIfExists(README_SCREENSHOT);

                String output = run(WORK, 120, "node", "screenshot.mjs", server.baseUrl() + "/_sandbox/",
                        README_SCREENSHOT.toAbsolutePath().toString());

                assertThat(output).contains("webhook attempts: 503,200").contains("saved");
                assertThat(Files.size(README_SCREENSHOT)).isGreaterThan(10_000);
                assertThat(server.openApiViolations()).isEmpty();
            } finally {
                control.close();
            }
        }
    }

    /** Two customers awaiting documents, each with one pending upload: a passport and a license. */
    private record Pending(TestClient client, String customer, String other, String document, String otherDocument) {
    }

    private static Pending twoPendingDocuments(DwollaTestServer server) {
        TestClient client = loggedIn(server);
        String customer = Seeds.customerAwaitingDocuments(server);
        String other = Seeds.customerAwaitingDocuments(server);
        String document = upload(client, customer, "passport", "a.png", TestFiles.png());
        String otherDocument = upload(client, other, "license", "b.png", TestFiles.png(2048));
        return new Pending(client, customer, other, document, otherDocument);
    }

    private static TestClient loggedIn(DwollaTestServer server) {
        var client = new TestClient(server);
        client.login();
        return client;
    }

    /** A customer's upload, answered 201: the new document's id. */
    private static String upload(TestClient client, String customer, String type, String file, byte[] png) {
        return location(client.upload("/customers/" + customer + "/documents", type, file, png));
    }

    /**
     * Copies every file of {@code src/test/browser} (the scripts, the module they share, {@code launch.mjs}, and the
     * npm files) into the directory the scripts run in, and installs playwright-core there once.
     */
    private static void installPlaywright() throws Exception {
        Files.createDirectories(WORK);
        try (var files = Files.list(SOURCES)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, WORK.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        assertThat(WORK.resolve("launch.mjs")).as("the module the scripts import").isRegularFile();
        if (!Files.isDirectory(WORK.resolve("node_modules/playwright-core"))) {
            run(WORK, 300, "npm", "ci", "--no-audit", "--no-fund");
        }
    }

    private static String location(TestClient.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        String location = answer.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** Runs a tool; a missing tool or a failure fails the test with the tool's output. */
    private static String run(Path dir, int timeoutSeconds, String... command) throws Exception {
        var builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("'" + command[0] + "' is required (Node.js, npm and Debian's chromium;"
                    + " test.sh installs them): " + e.getMessage(), e);
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
        String text = output.get(10, TimeUnit.SECONDS);
        assertThat(process.exitValue()).as("%s:%n%s", String.join(" ", command), text).isZero();
        return text;
    }
}
