package io.docverify.grpc.service;

import static io.docverify.grpc.Calls.assertError;
import static io.docverify.grpc.Calls.passportOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docverify.grpc.Calls;
import io.docverify.grpc.WatchRecorder;
import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentProto.DocumentStatus;
import io.docverify.grpc.v1.DocumentProto.FailureReason;
import io.docverify.grpc.v1.DocumentProto.VerificationStatus;
import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentRequest;
import io.docverify.grpc.v1.SandboxServiceProto.ReviewDecision;
import io.docverify.grpc.v1.SandboxServiceProto.ReviewDocumentRequest;
import io.docverify.ports.contract.TestFiles;
import io.grpc.Status;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** WatchDocument: the document now, each change, the end, and cleanup. */
abstract class WatchDocumentBehaviour extends TransportBehaviour {
    private Document uploaded() {
        return Calls.upload(server, passportOf(Calls.customerAwaitingDocuments(server)), TestFiles.png());
    }

    private int serviceListeners;

    /** The listeners the service itself keeps on the bus for good (the WatchEvents log, the change recorder). */
    @BeforeAll
    void countTheServicesOwnListeners() {
        serviceListeners = server.backend().events().orElseThrow().listenerCount();
    }

    /** The watches' bus listeners: every listener but the service's own. */
    private int busListeners() {
        return server.backend().events().orElseThrow().listenerCount() - serviceListeners;
    }

    @Test
    void aWatchSeesThePendingDocumentThenItsReviewAndEnds() throws Exception {
        Document document = uploaded();
        var watch = WatchRecorder.watch(server.documentsAsync(), document.getId());
        assertThat(watch.next().getStatus()).isEqualTo(DocumentStatus.DOCUMENT_STATUS_PENDING);

        server.sandbox().reviewDocument(ReviewDocumentRequest.newBuilder().setDocumentId(document.getId())
                .setDecision(ReviewDecision.REVIEW_DECISION_REJECT)
                .addFailureReasons(FailureReason.newBuilder().setReason("ScanNotReadable")).build());

        Document reviewed = watch.next();
        assertThat(reviewed.getStatus()).isEqualTo(DocumentStatus.DOCUMENT_STATUS_REVIEWED);
        assertThat(reviewed.getVerificationStatus()).isEqualTo(VerificationStatus.VERIFICATION_STATUS_REJECTED);
        assertThat(reviewed.getFailureReason().getReason()).isEqualTo("ScanNotReadable");
        assertThat(reviewed.getFailureReason().getDescription()).isEqualTo(
                "Image blurry, too dark, or obscured by glare");
        assertThat(watch.endCode()).isEqualTo(Status.Code.OK);
        assertThat(watch.documents).isEmpty();
        assertThat(server.documents().getDocument(GetDocumentRequest.newBuilder().setDocumentId(document.getId())
                .build()).getDocument()).isEqualTo(reviewed);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.server().activeWatches() == 0);
    }

    @Test
    void watchingAReviewedDocumentGivesItOnceAndEnds() throws Exception {
        Document document = uploaded();
        server.sandbox().reviewDocument(ReviewDocumentRequest.newBuilder().setDocumentId(document.getId())
                .setDecision(ReviewDecision.REVIEW_DECISION_ACCEPT).build());

        var watch = WatchRecorder.watch(server.documentsAsync(), document.getId());

        assertThat(watch.next().getVerificationStatus()).isEqualTo(VerificationStatus.VERIFICATION_STATUS_ACCEPTED);
        assertThat(watch.endCode()).isEqualTo(Status.Code.OK);
        assertThat(watch.documents).isEmpty();
    }

    @Test
    void watchingAnUnknownDocumentIsNotFound() throws Exception {
        var watch = WatchRecorder.watch(server.documentsAsync(), "no-such-document");

        assertError(watch.awaitEnd(), Status.Code.NOT_FOUND, "notFound");
        await().atMost(Duration.ofSeconds(5)).until(() -> busListeners() == 0);
    }

    @Test
    void watchingAMalformedIdIsAValidationError() throws Exception {
        var watch = WatchRecorder.watch(server.documentsAsync(), "not an id");

        var info = assertError(watch.awaitEnd(), Status.Code.INVALID_ARGUMENT, "ValidationError");
        assertThat(info.getMetadataMap()).containsEntry("fieldPaths", "/documentId");
    }

    @Test
    void aClientThatGoesAwayFreesItsSubscription() throws Exception {
        Document document = uploaded();
        var watches = new WatchRecorder[3];
        for (int i = 0; i < watches.length; i++) {
            watches[i] = WatchRecorder.watch(server.documentsAsync(), document.getId());
            watches[i].next();
        }
        assertThat(busListeners()).isEqualTo(3);
        assertThat(server.server().activeWatches()).isEqualTo(3);

        for (WatchRecorder watch : watches) {
            watch.cancel();
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> busListeners() == 0
                && server.server().activeWatches() == 0);
    }
}
