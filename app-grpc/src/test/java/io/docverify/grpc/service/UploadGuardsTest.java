package io.docverify.grpc.service;

import static io.docverify.grpc.Calls.assertError;
import static io.docverify.grpc.Calls.chunkMessage;
import static io.docverify.grpc.Calls.metadataMessage;
import static io.docverify.grpc.Calls.passportOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.grpc.Calls;
import io.docverify.grpc.InstrumentedBackend;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.backend.Backend;
import io.docverify.grpc.backend.InMemoryBackend;
import io.docverify.grpc.config.ConfigReader;
import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentsRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadMetadata;
import io.docverify.ports.contract.TestFiles;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The guards that keep slow, silent, chatty and greedy uploads from locking other clients out (issue 9, part 2),
 * over a real socket on 127.0.0.1 with short limits: a silent stream takes no upload slot and is ended by the
 * first-message limit; a stalled or trickling upload is ended by the idle limit or the minimum rate; a flood of
 * tiny messages hits the message bound; one key cannot take every slot while another key uploads. Every refusal
 * leaves nothing behind (no document, the slot and the idempotency key free) and is counted by reason and caller.
 */
class UploadGuardsTest {
    private static final String GREEDY_KEY = "greedy-api-key-0123456789";
    private static final String PATIENT_KEY = "patient-api-key-0123456789";

    private static TestServer server(Backend backend, Map<String, String> overrides) {
        var settings = TestServer.settings();
        settings.putAll(overrides);
        return TestServer.start(TestServer.Kind.SOCKET, backend, ConfigReader.read(settings));
    }

    private static TestServer server(Map<String, String> overrides) {
        return server(new InMemoryBackend(InMemoryConfig.DEFAULTS.withSandboxReviewDelay(Duration.ZERO)), overrides);
    }

    private static double inProgress(TestServer server) {
        return server.server().registry().get("docverify.uploads.in.progress").gauge().value();
    }

    private static double refused(TestServer server, String reason, String caller) {
        Counter counter = server.server().registry().find("docverify.uploads.refused").tags("reason", reason,
                "caller", caller).counter();
        return counter == null ? 0 : counter.count();
    }

    private static long documentsOf(TestServer server, String customer) {
        return server.documents().listDocuments(ListDocumentsRequest.newBuilder().setCustomerId(customer).build())
                .getTotal();
    }

    /** A whole upload: metadata, chunks of {@code chunkSize}, the finish message declaring the size. */
    private static List<UploadDocumentRequest> whole(UploadMetadata metadata, byte[] file, int chunkSize) {
        return Calls.messages(metadata, file, chunkSize);
    }

    private static Document upload(DocumentServiceGrpc.DocumentServiceStub stub, UploadMetadata metadata,
            byte[] file) {
        return Calls.await(Calls.send(stub, whole(metadata, file, 16 * 1024)));
    }

    private static Document upload(TestServer server, UploadMetadata metadata, byte[] file) {
        return upload(server.documentsAsync(), metadata, file);
    }

    @Test
    void aStreamThatHasSentNothingTakesNoSlotAndIsEndedByTheFirstMessageLimit() throws Exception {
        try (var server = server(Map.of("DOCVERIFY_MAX_CONCURRENT_UPLOADS", "1",
                "DOCVERIFY_UPLOAD_FIRST_MESSAGE_TIMEOUT", "3s"))) {
            String customer = Calls.customerAwaitingDocuments(server);
            var silent = Calls.open(server.documentsAsync());

            // The one slot is free for an upload that sends its metadata, while the silent stream is open.
            assertThat(upload(server, passportOf(customer), TestFiles.png()).getCustomerId()).isEqualTo(customer);
            assertThat(inProgress(server)).isZero();
            assertThat(silent.result()).isNotDone();

            assertError(silent.failure(), Status.Code.DEADLINE_EXCEEDED, "RequestTimeout");
            assertThat(Status.fromThrowable(silent.failure()).getDescription()).contains("metadata");
            assertThat(refused(server, "first-message-timeout", "key-1")).isEqualTo(1);
        }
    }

    @Test
    void anUploadThatStopsSendingIsCutByTheIdleLimitAndLeavesNothingBehind() throws Exception {
        try (var server = server(Map.of("DOCVERIFY_UPLOAD_IDLE_TIMEOUT", "400ms",
                "DOCVERIFY_UPLOAD_MIN_BYTES_PER_SECOND", "0"))) {
            String customer = Calls.customerAwaitingDocuments(server);
            UploadMetadata metadata = passportOf(customer).toBuilder().setIdempotencyKey("slow-loris-1").build();
            byte[] png = TestFiles.png(64 * 1024);

            var stalled = Calls.open(server.documentsAsync()).send(metadataMessage(metadata))
                    .send(chunkMessage(Arrays.copyOf(png, 100)));

            assertError(stalled.failure(), Status.Code.DEADLINE_EXCEEDED, "RequestTimeout");
            assertThat(Status.fromThrowable(stalled.failure()).getDescription()).contains("No message");
            assertThat(refused(server, "idle-timeout", "key-1")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> inProgress(server) == 0);
            assertThat(documentsOf(server, customer)).isZero();
            // The key is free: the client's retry with it creates the document.
            assertThat(upload(server, metadata, png).getCustomerId()).isEqualTo(customer);
            assertThat(documentsOf(server, customer)).isEqualTo(1);
        }
    }

    @Test
    void aClientThatSendsFinishButNeverEndsItsStreamIsCutByTheIdleLimit() throws Exception {
        try (var server = server(Map.of("DOCVERIFY_UPLOAD_IDLE_TIMEOUT", "400ms"))) {
            String customer = Calls.customerAwaitingDocuments(server);
            byte[] png = TestFiles.png();
            var open = Calls.open(server.documentsAsync());
            Calls.messages(passportOf(customer), png, 16 * 1024).forEach(open::send); // no half-close

            assertError(open.failure(), Status.Code.DEADLINE_EXCEEDED, "RequestTimeout");
            assertThat(refused(server, "idle-timeout", "key-1")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> inProgress(server) == 0);
            assertThat(documentsOf(server, customer)).isZero();
        }
    }

    @Test
    void aTrickleBelowTheMinimumRateIsCutAndLegitimateUploadsThenSucceed() throws Exception {
        try (var server = server(Map.of("DOCVERIFY_MAX_CONCURRENT_UPLOADS", "1",
                "DOCVERIFY_UPLOAD_IDLE_TIMEOUT", "10s", "DOCVERIFY_UPLOAD_MIN_BYTES_PER_SECOND", "65536",
                "DOCVERIFY_UPLOAD_MIN_RATE_GRACE", "500ms"))) {
            String customer = Calls.customerAwaitingDocuments(server);
            byte[] png = TestFiles.png(4096);
            var trickle = Calls.open(server.documentsAsync()).send(metadataMessage(passportOf(customer)))
                    .send(chunkMessage(Arrays.copyOf(png, 8)));
            // The file's next byte every 50 ms: never idle for long, far below 64 KiB/s.
            var sender = Executors.newSingleThreadScheduledExecutor();
            var next = new java.util.concurrent.atomic.AtomicInteger(8);
            try {
                sender.scheduleAtFixedRate(() -> {
                    int at = next.getAndIncrement();
                    if (!trickle.result().isDone() && at < png.length) {
                        trickle.send(chunkMessage(Arrays.copyOfRange(png, at, at + 1)));
                    }
                }, 50, 50, TimeUnit.MILLISECONDS);

                assertError(trickle.failure(), Status.Code.DEADLINE_EXCEEDED, "RequestTimeout");
            } finally {
                sender.shutdownNow();
            }
            assertThat(Status.fromThrowable(trickle.failure()).getDescription()).contains("minimum rate");
            assertThat(refused(server, "too-slow", "key-1")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> inProgress(server) == 0);
            assertThat(documentsOf(server, customer)).isZero();
            for (int i = 0; i < 3; i++) {
                assertThat(upload(server, passportOf(customer), TestFiles.png(4096)).getCustomerId())
                        .isEqualTo(customer);
            }
        }
    }

    @Test
    void aFloodOfOneByteMessagesHitsTheMessageBound() throws Exception {
        try (var server = server(Map.of("DOCVERIFY_UPLOAD_MAX_MESSAGES", "100"))) {
            String customer = Calls.customerAwaitingDocuments(server);
            byte[] png = TestFiles.png(2000);

            var flood = Calls.send(server.documentsAsync(), whole(passportOf(customer), png, 1));

            Throwable error = org.assertj.core.api.Assertions.catchThrowable(() -> Calls.await(flood));
            var info = assertError(error, Status.Code.INVALID_ARGUMENT, "ValidationError");
            assertThat(info.getMetadataMap()).containsEntry("fieldPaths", "/chunk");
            assertThat(Status.fromThrowable(error).getDescription()).contains("at most 100 messages");
            assertThat(refused(server, "too-many-messages", "key-1")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> inProgress(server) == 0);
            assertThat(documentsOf(server, customer)).isZero();
            // 98 messages in all (metadata, 96 chunks, finish) are within the bound.
            assertThat(upload(server.documentsAsync(), passportOf(customer), png).getCustomerId())
                    .isEqualTo(customer);
            assertThat(Calls.await(Calls.send(server.documentsAsync(),
                    whole(passportOf(customer), TestFiles.png(96 * 21), 21))).getCustomerId()).isEqualTo(customer);
        }
    }

    /** {@code count} uploads on {@code stub}, each for a new customer, that send metadata and 8 bytes, then wait. */
    private static List<Calls.OpenUpload> holding(TestServer server, DocumentServiceGrpc.DocumentServiceStub stub,
            int count) {
        var held = new ArrayList<Calls.OpenUpload>();
        for (int i = 0; i < count; i++) {
            String customer = Calls.customerAwaitingDocuments(server);
            held.add(Calls.open(stub).send(metadataMessage(passportOf(customer)))
                    .send(chunkMessage(Arrays.copyOf(TestFiles.png(), 8))));
        }
        return held;
    }

    @Test
    void aGreedyKeyCannotTakeEverySlotWhileAnotherKeyUploads() throws Exception {
        try (var server = server(Map.of("DOCVERIFY_MAX_CONCURRENT_UPLOADS", "4",
                "DOCVERIFY_API_KEYS", TestServer.KEY + "," + GREEDY_KEY + "," + PATIENT_KEY,
                "DOCVERIFY_UPLOAD_MIN_BYTES_PER_SECOND", "0"))) {
            var greedy = DocumentServiceGrpc.newStub(server.channel()).withInterceptors(TestServer.bearer(GREEDY_KEY));
            var patient = DocumentServiceGrpc.newStub(server.channel())
                    .withInterceptors(TestServer.bearer(PATIENT_KEY));
            List<Calls.OpenUpload> held = holding(server, greedy, 4);

            // Three keys, four slots: a key's share is half of them. The greedy key's last two are refused.
            await().atMost(Duration.ofSeconds(10)).until(() -> held.stream().filter(u -> u.result().isDone())
                    .count() == 2);
            assertThat(inProgress(server)).isEqualTo(2);
            // Which two the server saw first is not fixed (four streams opened at once): the two that ended are
            // the refused ones, the other two hold their slots.
            List<Calls.OpenUpload> refusedUploads = held.stream().filter(u -> u.result().isDone()).toList();
            assertThat(refusedUploads).hasSize(2);
            for (var refusedUpload : refusedUploads) {
                assertError(refusedUpload.failure(), Status.Code.RESOURCE_EXHAUSTED, "TooManyRequests");
                assertThat(Status.fromThrowable(refusedUpload.failure()).getDescription())
                        .contains("this API key").contains("at most 2");
            }
            assertThat(held).filteredOn(u -> !refusedUploads.contains(u)).hasSize(2)
                    .allSatisfy(u -> assertThat(u.result()).isNotDone());
            assertThat(refused(server, "key-share", "key-2")).isEqualTo(2);

            // Meanwhile the other key uploads, in parallel, up to the free slots.
            String customer = Calls.customerAwaitingDocuments(server);
            var first = Calls.send(patient, whole(passportOf(customer), TestFiles.png(), 64));
            var second = Calls.send(patient, whole(passportOf(customer), TestFiles.png(), 64));
            assertThat(Calls.await(first).getCustomerId()).isEqualTo(customer);
            assertThat(Calls.await(second).getCustomerId()).isEqualTo(customer);
            held.forEach(u -> u.requests().onError(Status.CANCELLED.asRuntimeException()));
            await().atMost(Duration.ofSeconds(10)).until(() -> inProgress(server) == 0);
        }
    }

    @Test
    void oneUploadingKeyAloneMayUseEverySlotAndAnExplicitShareBindsIt() throws Exception {
        try (var server = server(Map.of("DOCVERIFY_MAX_CONCURRENT_UPLOADS", "3",
                "DOCVERIFY_UPLOAD_MIN_BYTES_PER_SECOND", "0"))) {
            List<Calls.OpenUpload> held = holding(server, server.documentsAsync(), 3);
            await().atMost(Duration.ofSeconds(10)).until(() -> inProgress(server) == 3);
            var fourth = Calls.open(server.documentsAsync())
                    .send(metadataMessage(passportOf(Calls.customerAwaitingDocuments(server))));
            assertError(fourth.failure(), Status.Code.RESOURCE_EXHAUSTED, "TooManyRequests");
            assertThat(Status.fromThrowable(fourth.failure()).getDescription()).contains("at most 3 at once");
            assertThat(refused(server, "slots-full", "key-1")).isEqualTo(1);
            held.forEach(u -> u.requests().onError(Status.CANCELLED.asRuntimeException()));
        }
        try (var server = server(Map.of("DOCVERIFY_MAX_CONCURRENT_UPLOADS", "3", "DOCVERIFY_MAX_UPLOADS_PER_KEY", "1",
                "DOCVERIFY_UPLOAD_MIN_BYTES_PER_SECOND", "0"))) {
            String customer = Calls.customerAwaitingDocuments(server);
            var first = Calls.open(server.documentsAsync()).send(metadataMessage(passportOf(customer)));
            await().atMost(Duration.ofSeconds(10)).until(() -> inProgress(server) == 1);
            var second = Calls.open(server.documentsAsync()).send(metadataMessage(passportOf(customer)));
            assertError(second.failure(), Status.Code.RESOURCE_EXHAUSTED, "TooManyRequests");
            assertThat(refused(server, "key-share", "key-1")).isEqualTo(1);
            first.requests().onError(Status.CANCELLED.asRuntimeException());
        }
        // Only keys that may upload share the slots: with a read-only key beside it, one uploader has them all.
        try (var server = server(Map.of("DOCVERIFY_MAX_CONCURRENT_UPLOADS", "3", "DOCVERIFY_API_KEYS", "",
                "DOCVERIFY_SCOPED_API_KEYS", "uploader:upload+read+sandbox:" + TestServer.KEY + ",reviewer:read:"
                        + PATIENT_KEY, "DOCVERIFY_UPLOAD_MIN_BYTES_PER_SECOND", "0"))) {
            List<Calls.OpenUpload> held = holding(server, server.documentsAsync(), 3);
            await().atMost(Duration.ofSeconds(10)).until(() -> inProgress(server) == 3);
            assertThat(held).allSatisfy(u -> assertThat(u.result()).isNotDone());
            held.forEach(u -> u.requests().onError(Status.CANCELLED.asRuntimeException()));
        }
    }

    @Test
    void aServerThatStopsAskingForChunksDoesNotBlameTheClientButTheWholeUploadLimitStillHolds() throws Exception {
        var backend = new InstrumentedBackend();
        backend.stallAfterFirstChunk = true;
        try (var server = server(backend, Map.of("DOCVERIFY_UPLOAD_IDLE_TIMEOUT", "300ms",
                "DOCVERIFY_UPLOAD_MIN_BYTES_PER_SECOND", "1000000", "DOCVERIFY_UPLOAD_MIN_RATE_GRACE", "300ms",
                "DOCVERIFY_UPLOAD_TIMEOUT", "3s"))) {
            String customer = Calls.customerAwaitingDocuments(server);
            byte[] png = TestFiles.png(64 * 1024);
            long started = System.nanoTime();
            var upload = Calls.send(server.documentsAsync(), whole(passportOf(customer), png, 1024));

            Throwable error = org.assertj.core.api.Assertions.catchThrowable(() -> Calls.await(upload));
            assertError(error, Status.Code.DEADLINE_EXCEEDED, "RequestTimeout");
            // The provider, not the client, stopped the stream: only the whole-upload limit ends it.
            assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(2900));
            assertThat(refused(server, "upload-timeout", "key-1")).isEqualTo(1);
            assertThat(refused(server, "idle-timeout", "key-1") + refused(server, "too-slow", "key-1")).isZero();
            assertThat(backend.chunksSeen.get()).as("the provider stopped asking early").isLessThan(64);
        }
    }
}
