package io.docverify.grpc.service;

import static io.docverify.grpc.Calls.assertError;
import static io.docverify.grpc.Calls.passportOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.application.ServiceEventLog;
import io.docverify.domain.CustomerId;
import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.event.DocumentEvent;
import io.docverify.grpc.Calls;
import io.docverify.grpc.EventsRecorder;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.backend.InMemoryBackend;
import io.docverify.grpc.config.ConfigReader;
import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentServiceProto;
import io.docverify.grpc.v1.DocumentServiceProto.EventKind;
import io.docverify.grpc.v1.DocumentServiceProto.WatchEventsRequest;
import io.docverify.grpc.v1.SandboxServiceProto.ReviewDecision;
import io.docverify.grpc.v1.SandboxServiceProto.ReviewDocumentRequest;
import io.docverify.ports.contract.TestFiles;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** WatchEvents: every owner or one, resumption, its typed ends, and cleanup. */
abstract class WatchEventsBehaviour extends TransportBehaviour {
    static final int STREAM_QUEUE = 50;
    static final int MAX_EVENTS = 300_000;

    @Override
    TestServer startServer() {
        var settings = TestServer.settings();
        settings.put("DOCVERIFY_EVENTS_STREAM_QUEUE", String.valueOf(STREAM_QUEUE));
        settings.put("DOCVERIFY_EVENTS_MAX", String.valueOf(MAX_EVENTS));
        return TestServer.start(kind(), new InMemoryBackend(InMemoryConfig.DEFAULTS
                .withSandboxReviewDelay(Duration.ZERO)), ConfigReader.read(settings));
    }

    private final List<EventsRecorder> opened = new java.util.concurrent.CopyOnWriteArrayList<>();

    private EventsRecorder track(EventsRecorder recorder) {
        opened.add(recorder);
        return recorder;
    }

    EventsRecorder watch(WatchEventsRequest request) {
        return track(EventsRecorder.watch(server.documentsAsync(), request));
    }

    EventsRecorder paused(WatchEventsRequest request) {
        return track(EventsRecorder.paused(server.documentsAsync(), request));
    }

    /** Every test starts with no stream open: the ones a test left open are cancelled and freed. */
    @AfterEach
    void cancelLeftovers() {
        opened.forEach(EventsRecorder::cancel);
        opened.clear();
        await().atMost(Duration.ofSeconds(10)).until(() -> log().subscriptionCount() == 0
                && server.server().activeEventStreams() == 0);
    }

    ServiceEventLog log() {
        return server.server().eventLog();
    }

    static WatchEventsRequest everyOwner() {
        return WatchEventsRequest.getDefaultInstance();
    }

    static WatchEventsRequest customer(String id) {
        return WatchEventsRequest.newBuilder().setCustomerId(id).build();
    }

    /** An upload event of a made-up owner, appended to the log directly. */
    static DocumentEvent uploadOf(String owner) {
        return new DocumentEvent.DocumentUploaded(new DocumentId(UUID.randomUUID().toString()),
                new CustomerId(owner), DocumentType.PASSPORT, Instant.now());
    }

    private static String freshOwner() {
        return "owner-" + UUID.randomUUID();
    }

    private void awaitSubscriptions(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> log().subscriptionCount() == count);
    }

    @Test
    void everyOwnersStreamFollowsAnUploadAndItsReview() throws Exception {
        int before = log().subscriptionCount();
        var stream = watch(everyOwner());
        awaitSubscriptions(before + 1);
        String customer = Calls.customerAwaitingDocuments(server);
        Document document = Calls.upload(server, passportOf(customer), TestFiles.png());
        server.sandbox().reviewDocument(ReviewDocumentRequest.newBuilder().setDocumentId(document.getId())
                .setDecision(ReviewDecision.REVIEW_DECISION_ACCEPT).build());

        List<DocumentServiceProto.DocumentEvent> mine = stream.next(3).stream()
                .filter(e -> e.getCustomerId().equals(customer)).toList();
        assertThat(mine).extracting(DocumentServiceProto.DocumentEvent::getKind).containsExactly(
                EventKind.EVENT_KIND_DOCUMENT_UPLOADED, EventKind.EVENT_KIND_DOCUMENT_APPROVED,
                EventKind.EVENT_KIND_OWNER_STATUS_CHANGED);
        assertThat(mine.get(0).getDocumentId()).isEqualTo(document.getId());
        assertThat(mine.get(0).getResourceId()).isEqualTo(document.getId());
        assertThat(mine.get(0).getTopic()).isEqualTo("customer_verification_document_uploaded");
        assertThat(mine.get(0).getCreated().getSeconds()).isPositive();
        assertThat(mine.get(1).getTopic()).isEqualTo("customer_verification_document_approved");
        assertThat(mine.get(2).getTopic()).isEqualTo("customer_verified");
        assertThat(mine.get(2).getResourceId()).isEqualTo(customer);
        assertThat(mine.get(2).getDocumentId()).isEmpty();
        assertThat(mine).extracting(DocumentServiceProto.DocumentEvent::getId).doesNotHaveDuplicates().isSorted();
        stream.cancel();
        awaitSubscriptions(before);
    }

    @Test
    void oneOwnersStreamGetsOnlyThatOwnersEvents() throws Exception {
        String mine = freshOwner();
        var stream = watch(customer(mine));
        awaitSubscriptions(1);
        log().record(uploadOf(freshOwner()));
        log().record(uploadOf(mine));
        log().record(uploadOf(freshOwner()));
        log().record(uploadOf(mine));

        List<DocumentServiceProto.DocumentEvent> events = stream.next(2);
        assertThat(events).extracting(DocumentServiceProto.DocumentEvent::getCustomerId).containsOnly(mine);
        assertThat(stream.events.poll(200, TimeUnit.MILLISECONDS)).as("nothing of another owner").isNull();
        stream.cancel();
    }

    @Test
    void aResumedStreamGetsWhatItMissedThenNewEventsNoneTwice() throws Exception {
        String owner = freshOwner();
        var first = watch(customer(owner));
        awaitStreams(1);
        log().record(uploadOf(owner));
        String seen = first.next().getId();
        first.cancel();
        awaitStreams(0);
        for (int i = 0; i < 3; i++) {
            log().record(uploadOf(owner));
        }
        String lastMissed = log().newestId().orElseThrow();

        var resumed = watch(customer(owner).toBuilder()
                .setAfterEventId(seen).build());
        List<DocumentServiceProto.DocumentEvent> missed = resumed.next(3);
        awaitStreams(1);
        log().record(uploadOf(owner));
        DocumentServiceProto.DocumentEvent live = resumed.next();

        assertThat(missed.get(2).getId()).isEqualTo(lastMissed);
        assertThat(missed).extracting(DocumentServiceProto.DocumentEvent::getId).doesNotContain(seen)
                .doesNotHaveDuplicates().isSorted();
        assertThat(live.getId()).isGreaterThan(lastMissed);
        assertThat(resumed.events.poll(200, TimeUnit.MILLISECONDS)).as("no duplicate").isNull();
        resumed.cancel();
    }

    @Test
    void fromOldestReplaysEveryRetainedEventOfTheOwner() throws Exception {
        String owner = freshOwner();
        log().record(uploadOf(owner));
        log().record(uploadOf(owner));
        var stream = watch(customer(owner).toBuilder().setFromOldest(true)
                .build());
        assertThat(stream.next(2)).extracting(DocumentServiceProto.DocumentEvent::getCustomerId).containsOnly(owner);
        stream.cancel();
    }

    @Test
    void anUnknownResumePointIsOutOfRange() throws Exception {
        log().record(uploadOf(freshOwner()));
        var stream = watch(everyOwner().toBuilder()
                .setAfterEventId("an-id-this-server-never-had").build());

        var info = assertError(stream.awaitEnd(), Status.Code.OUT_OF_RANGE, "eventNotRetained");
        assertThat(info.getMetadataMap()).containsEntry("oldestEventId", log().oldestId().orElseThrow());
    }

    @Test
    void aMalformedRequestIsAValidationError() throws Exception {
        var badOwner = watch(customer("not an id"));
        assertError(badOwner.awaitEnd(), Status.Code.INVALID_ARGUMENT, "ValidationError");
        var both = watch(everyOwner().toBuilder().setAfterEventId("x")
                .setFromOldest(true).build());
        var info = assertError(both.awaitEnd(), Status.Code.INVALID_ARGUMENT, "ValidationError");
        assertThat(info.getMetadataMap()).containsEntry("fieldPaths", "/fromOldest");
    }

    @Test
    void aClientThatFallsBehindIsEndedWithResourceExhaustedAndCanResumeWithoutLoss() throws Exception {
        String owner = freshOwner();
        int before = log().subscriptionCount();
        var slow = paused(customer(owner));
        awaitSubscriptions(before + 1);
        // One event reaches the client first, so it has an id to resume from (on a loaded machine the flood below
        // can otherwise overflow the queue before the drain has sent anything, and then there is no last id).
        log().record(uploadOf(owner));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> !slow.events.isEmpty());
        // Past the transport's buffers and flow-control window, then past the stream's queue.
        int appended = 1;
        while (log().subscriptionCount() > before && appended < 200_000) {
            for (int i = 0; i < 1_000; i++) {
                log().record(uploadOf(owner));
            }
            appended += 1_000;
        }
        assertThat(log().subscriptionCount()).as("the slow stream is dropped").isEqualTo(before);
        awaitStreams(0); // ended by the server at once, although its client still reads nothing
        slow.resume();
        var info = assertError(slow.awaitEnd(), Status.Code.RESOURCE_EXHAUSTED, "watchTooSlow");
        assertThat(Status.fromThrowable(slow.end.get()).getDescription()).contains("after_event_id");
        var received = List.copyOf(slow.events);
        assertThat(received).isNotEmpty();
        String last = received.get(received.size() - 1).getId();
        assertThat(info.getMetadataMap()).containsEntry("lastEventId", last);
        assertThat(received.size()).isLessThan(appended);

        var resumed = watch(customer(owner).toBuilder()
                .setAfterEventId(last).build());
        DocumentServiceProto.DocumentEvent next = resumed.next();
        assertThat(next.getId()).isGreaterThan(last);
        assertThat(Long.parseLong(sequence(next.getId()))).isEqualTo(Long.parseLong(sequence(last)) + 1);
        resumed.cancel();
        awaitSubscriptions(before);
    }

    private static String sequence(String id) {
        return id.substring(id.lastIndexOf('-') + 1);
    }

    @Test
    void cancelledStreamsFreeTheirSubscriptions() throws Exception {
        int before = log().subscriptionCount();
        var streams = new EventsRecorder[3];
        for (int i = 0; i < streams.length; i++) {
            streams[i] = watch(i == 0 ? everyOwner() : customer(freshOwner()));
        }
        awaitSubscriptions(before + 3);
        for (EventsRecorder stream : streams) {
            stream.cancel();
        }
        awaitSubscriptions(before);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.server().activeEventStreams() == 0);
    }

    @Test
    void aStreamPastItsDeadlineEndsAndIsFreed() throws Exception {
        int before = log().subscriptionCount();
        var stream = track(EventsRecorder.start(server.documentsAsync()
                .withDeadlineAfter(300, TimeUnit.MILLISECONDS), everyOwner(), false));
        assertThat(stream.endCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        awaitSubscriptions(before);
    }

    private void awaitStreams(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> server.server().activeEventStreams() == count);
    }
}
