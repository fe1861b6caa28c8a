package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.domain.DocumentId;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.ports.contract.TestFiles;
import org.junit.jupiter.api.Test;

/** The reviewer page's HTML, rendered in process (the browser test clicks through it). */
class ReviewerPageTest {
    @Test
    void escapesEveryHtmlMetacharacter() {
        assertThat(ReviewerPage.escape("<a href=\"x\" title='y'>&</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    }

    @Test
    void listsOwnersPendingDocumentsWithButtonsReviewedDocumentsAndRequests() {
        try (DwollaTestServer server = DwollaTestServer.start(DwollaServerConfig.builder().build())) {
            var client = new TestClient(server);
            client.login();
            String customer = Seeds.customerAwaitingDocuments(server);
            String pending = location(client.upload("/customers/" + customer + "/documents", "passport", "a.png",
                    TestFiles.png()));
            String reviewed = location(client.upload("/customers/" + customer + "/documents", "license", "b.png",
                    TestFiles.png(2048)));
            Seeds.join(server.sandbox().reviewDocument(new DocumentId(reviewed), ReviewDecision.reject(
                    io.docverify.domain.review.KnownFailureReason.SCAN_NOT_READABLE)));
            server.reviewerPage().section("webhook-deliveries", () -> "<p id=\"filled\">deliveries</p>");

            String html = server.reviewerPage().render();

            assertThat(html).contains("<tr data-owner-id=\"" + customer + "\">")
                    .contains("<button class=\"accept\" data-document-id=\"" + pending + "\">Accept</button>")
                    .doesNotContain("data-document-id=\"" + reviewed + "\">Accept")
                    .contains("<input type=\"checkbox\" class=\"reason\" value=\"ScanNotReadable\">")
                    .doesNotContain("<select")
                    .contains("<td class=\"rejected\">reviewed / rejected</td>")
                    .contains("<p id=\"filled\">deliveries</p>")
                    .contains("<code>/customers/" + customer + "/documents</code>")
                    .doesNotContain("Bearer");
        }
    }

    @Test
    void showsEachWebhookDeliveryWithItsAttemptsOutOfTheBox() throws Exception {
        try (DwollaTestServer server = DwollaTestServer.start(DwollaServerConfig.builder().build());
                WebhookReceiver receiver = WebhookReceiver.start()) {
            var client = new TestClient(server);
            client.login();
            receiver.answer(n -> n == 0 ? 503 : 200);
            var subscribe = client.send(client.authorized(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(server.baseUrl() + "/webhook-subscriptions")))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"url\":\"" + receiver.url()
                            + "\",\"secret\":\"a-secret-never-shown\"}")).build());
            assertThat(subscribe.status()).as(subscribe.toString()).isEqualTo(201);
            String customer = Seeds.customerAwaitingDocuments(server);
            String document = location(client.upload("/customers/" + customer + "/documents", "passport", "a.png",
                    TestFiles.png()));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> receiver.received().size() >= 1);

            String html = server.reviewerPage().render();

            assertThat(html).doesNotContain("webhook delivery log is wired in")
                    .contains("customer_verification_document_uploaded")
                    .contains(document)
                    .contains("<td class=\"attempt\">503</td>")
                    .doesNotContain("a-secret-never-shown");
        }
    }

    private static String location(TestClient.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        String location = answer.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
