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
 * sees the owner become verified, and saves {@code target/reviewer-page.png}. A missing node, npm or chromium
 * fails the test (test.sh installs them); it is never skipped.
 */
class ReviewerPageBrowserTest {
    private static final Path SOURCES = Path.of("src/test/browser");
    private static final Path WORK = Path.of("target/reviewer-browser");
    private static final Path SCREENSHOT = Path.of("target/reviewer-page.png");

    @Test
    void acceptingByClickingVerifiesTheOwner() throws Exception {
        installPlaywright();
        try (DwollaTestServer server = DwollaTestServer.start(DwollaServerConfig.builder().build())) {
            var client = new TestClient(server);
            client.login();
            String customer = Seeds.customerAwaitingDocuments(server);
            String other = Seeds.customerAwaitingDocuments(server);
            Seeds.beneficialOwner(server, BeneficialOwnerStatus.DOCUMENT);
            String document = location(client.upload("/customers/" + customer + "/documents", "passport", "a.png",
                    TestFiles.png()));
            location(client.upload("/customers/" + other + "/documents", "license", "b.png", TestFiles.png(2048)));
            String rejected = location(client.upload("/customers/" + other + "/documents", "idCard", "c.png",
                    TestFiles.png(4096)));
            Seeds.join(server.sandbox().reviewDocument(new DocumentId(rejected),
                    ReviewDecision.reject(KnownFailureReason.SCAN_NOT_READABLE)));
            Files.deleteIfExists(SCREENSHOT);

            String output = run(WORK, 120, "node", "review.mjs", server.baseUrl() + "/_sandbox/", document, customer,
                    SCREENSHOT.toAbsolutePath().toString());

            assertThat(output).contains("before: document").contains("after: verified")
                    .contains("pending rows for the document: 0");
            assertThat(Seeds.join(server.sandbox().owner(new CustomerId(customer))).status())
                    .isEqualTo(CustomerStatus.VERIFIED);
            assertThat(Seeds.join(server.sandbox().owner(new CustomerId(other))).status())
                    .as("the other customer was not touched").isEqualTo(CustomerStatus.DOCUMENT);
            assertThat(SCREENSHOT).exists();
            assertThat(Files.size(SCREENSHOT)).isGreaterThan(1000);
        }
    }

    private static void installPlaywright() throws Exception {
        Files.createDirectories(WORK);
        for (String file : new String[] {"package.json", "package-lock.json", "review.mjs"}) {
            Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
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
