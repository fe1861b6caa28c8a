package io.docverify.grpc.webhook;

import static io.docverify.grpc.webhook.WebhookHarness.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docverify.domain.Document;
import io.docverify.domain.VerificationStatus;
import io.docverify.domain.event.DocumentEvent;
import io.docverify.domain.review.KnownFailureReason;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.ports.out.WebhookInbox.Status;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The intake on a real socket: what each delivery is answered, and what it changes. */
class WebhookIntakeTest {
    private static final String APPROVED = "customer_verification_document_approved";
    private static final String UPLOADED = "customer_verification_document_uploaded";

    private final WebhookHarness h;

    WebhookIntakeTest() throws Exception {
        h = new WebhookHarness();
    }

    @AfterEach
    void close() {
        h.close();
    }

    private Status status(String id) {
        return h.inbox.status(id).toCompletableFuture().join();
    }

    @Test
    void aSignedWebhookIsAnsweredAndItsReviewReachesTheWatchWithoutAPoll() throws Exception {
        Document document = h.pendingDocument();
        var watch = h.watch(document.id());
        assertThat(watch.next().verificationStatus()).isEqualTo(VerificationStatus.PENDING);
        h.review(document.id(), ReviewDecision.accept());

        HttpResponse<String> answer = h.post(event("e-1", APPROVED, document, Instant.now()), WebhookHarness.SECRET);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(watch.next().verificationStatus()).isEqualTo(VerificationStatus.ACCEPTED);
        await().atMost(Duration.ofSeconds(5)).until(() -> status("e-1") == Status.PROCESSED);
        assertThat(h.applied).extracting(e -> e.id()).containsExactly("e-1");
        assertThat(h.received("accepted")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> h.registry.find("docverify.webhooks.processing.lag")
                .timer() != null && h.registry.find("docverify.webhooks.processing.lag").timer().count() == 1);
    }

    @Test
    void theSameIdTwiceIsAnswered200TwiceAndProcessedOnce() throws Exception {
        Document document = h.pendingDocument();
        h.review(document.id(), ReviewDecision.reject(KnownFailureReason.SCAN_NOT_READABLE));
        String body = event("e-1", "customer_verification_document_failed", document, Instant.now());

        assertThat(h.post(body, WebhookHarness.SECRET).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> status("e-1") == Status.PROCESSED);
        assertThat(h.post(body, WebhookHarness.SECRET).statusCode()).isEqualTo(200);

        assertThat(h.received("duplicate")).isEqualTo(1);
        assertThat(h.applied).hasSize(1);
        assertThat(h.published).singleElement().isInstanceOf(DocumentEvent.DocumentFailed.class);
    }

    @Test
    void anUploadedEventAfterTheApprovalChangesNothing() throws Exception {
        Document document = h.pendingDocument();
        h.review(document.id(), ReviewDecision.accept());
        h.post(event("e-approved", APPROVED, document, Instant.now()), WebhookHarness.SECRET);
        await().atMost(Duration.ofSeconds(5)).until(() -> status("e-approved") == Status.PROCESSED);

        assertThat(h.post(event("e-uploaded", UPLOADED, document, Instant.now().minusSeconds(60)),
                WebhookHarness.SECRET).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> status("e-uploaded") == Status.PROCESSED);

        assertThat(h.published).singleElement().isInstanceOf(DocumentEvent.DocumentApproved.class);
        assertThat(h.dwolla.get(document.id()).toCompletableFuture().join().verificationStatus())
                .isEqualTo(VerificationStatus.ACCEPTED);
    }

    @Test
    void aMissingOrWrongSignatureIs401AndRecordsNothing() throws Exception {
        Document document = h.pendingDocument();
        String body = event("e-1", UPLOADED, document, Instant.now());

        assertThat(h.post(body, null).statusCode()).isEqualTo(401);
        assertThat(h.post(body, "a-secret-nobody-configured").statusCode()).isEqualTo(401);
        var tampered = HttpRequest.newBuilder(h.uri(WebhookHarness.PATH))
                .header("X-Request-Signature-SHA-256", "not-hex-at-all")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        assertThat(h.http.send(tampered, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

        assertThat(status("e-1")).isEqualTo(Status.UNKNOWN);
        assertThat(h.received("bad_signature")).isEqualTo(3);
        assertThat(h.applied).isEmpty();
        assertThat(h.registry.find("docverify.webhooks.received").tag("outcome", "bad_signature")
                .counter().getId().getTag("topic")).isEqualTo("unknown");
    }

    @Test
    void thePreviousSecretIsAcceptedDuringARotation() throws Exception {
        Document document = h.pendingDocument();

        assertThat(h.post(event("e-1", UPLOADED, document, Instant.now()), WebhookHarness.PREVIOUS).statusCode())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).until(() -> status("e-1") == Status.PROCESSED);
    }

    @Test
    void anEventOlderThanTheReplayWindowIsRefusedAsAReplay() throws Exception {
        Document document = h.pendingDocument();
        Instant old = Instant.now().minus(Duration.ofHours(74));

        assertThat(h.post(event("e-old", APPROVED, document, old), WebhookHarness.SECRET).statusCode())
                .isEqualTo(410);

        assertThat(status("e-old")).isEqualTo(Status.UNKNOWN);
        assertThat(h.received("stale")).isEqualTo(1);
    }

    @Test
    void aSignedBodyThatIsNoEventIs400() throws Exception {
        assertThat(h.post("{\"id\":\"e-1\"}", WebhookHarness.SECRET).statusCode()).isEqualTo(400);
        assertThat(h.post("not json", WebhookHarness.SECRET).statusCode()).isEqualTo(400);

        assertThat(h.received("malformed")).isEqualTo(2);
    }

    @Test
    void onlyPostOnThePathIsServed() throws Exception {
        var get = HttpRequest.newBuilder(h.uri(WebhookHarness.PATH)).GET().build();
        HttpResponse<String> wrongMethod = h.http.send(get, HttpResponse.BodyHandlers.ofString());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).contains("POST");

        var elsewhere = HttpRequest.newBuilder(h.uri("/elsewhere")).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        assertThat(h.http.send(elsewhere, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    @Test
    void tenDeliveriesAtOnceAreAllRecordedAndApplied() throws Exception {
        var bodies = new ArrayList<String>();
        for (int i = 0; i < 10; i++) {
            Document document = h.pendingDocument();
            h.review(document.id(), ReviewDecision.accept());
            bodies.add(event("e-" + i, APPROVED, document, Instant.now()));
        }
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (String body : bodies) {
            byte[] raw = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            answers.add(h.http.sendAsync(HttpRequest.newBuilder(h.uri(WebhookHarness.PATH))
                    .header("X-Request-Signature-SHA-256", h.codec.sign(raw))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build(), HttpResponse.BodyHandlers.ofString()));
        }

        for (var answer : answers) {
            assertThat(answer.join().statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> h.applied.size() == 10);
        assertThat(h.published).hasSize(10).allMatch(e -> e instanceof DocumentEvent.DocumentApproved);
    }
}
