package io.docverify.grpc.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docverify.grpc.Calls;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentsRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentResponse;
import io.docverify.grpc.v1.DocumentServiceProto.UploadMetadata;
import io.docverify.ports.contract.TestFiles;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Uploads that end before their {@code finish} message, by a client deadline or a cancel at a random point,
 * against a server on a 127.0.0.1 socket: none of them stores anything or keeps its idempotency key. An upload
 * cancelled after its {@code finish} may have created its document; a retry under its key then gets that same
 * document, never a second one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CancelledUploadsTest {
    private static final int CHUNK = 1024;
    private static final int UPLOADS = Integer.getInteger("docverify.cancels", 1000);

    private TestServer server;
    private Channel authenticated;

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.Kind.SOCKET);
        authenticated = ClientInterceptors.intercept(server.channel(), TestServer.bearer(TestServer.KEY));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void aClientDeadlineThatExpiresMidFileStoresNothingAndFreesTheKey() throws Exception {
        String customer = Calls.customerAwaitingDocuments(server);
        UploadMetadata metadata = Calls.passportOf(customer).toBuilder()
                .setIdempotencyKey("deadline-" + UUID.randomUUID()).build();
        byte[] file = LeakMarker.mark(TestFiles.png(64 * CHUNK));
        var ended = new CompletableFuture<Throwable>();
        StreamObserver<UploadDocumentRequest> requests = DocumentServiceGrpc.newStub(authenticated)
                .withDeadlineAfter(500, TimeUnit.MILLISECONDS).uploadDocument(new StreamObserver<>() {
                    @Override
                    public void onNext(UploadDocumentResponse value) {
                        ended.complete(null);
                    }

                    @Override
                    public void onError(Throwable t) {
                        ended.complete(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        Calls.messagesWithoutFinish(metadata, file, CHUNK).subList(0, 33).forEach(requests::onNext);

        Throwable error = ended.get(10, TimeUnit.SECONDS);

        assertThat(Status.fromThrowable(error).getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        awaitNoUploadInProgress();
        assertThat(documentsOf(customer)).as("documents after the deadline").isEmpty();
        Document retried = Calls.upload(server, metadata, file);
        assertThat(documentsOf(customer)).extracting(Document::getId).containsExactly(retried.getId());
    }

    /** Where a client cancels its upload. */
    enum CancelPoint {
        /** After some of the chunks. */
        MID_FILE(true),
        /** After the last chunk, before {@code finish}. */
        AFTER_LAST_CHUNK(true),
        /** After some of the chunks, a half-close and a cancel right after it, as Node's HTTP/2 layer does. */
        HALF_CLOSE_THEN_CANCEL(true),
        /** After {@code finish}, before the half-close. */
        AFTER_FINISH(false),
        /** After {@code finish} and the half-close: the document may have been created. */
        AFTER_FINISH_AND_HALF_CLOSE(false);

        final boolean beforeFinish;

        CancelPoint(boolean beforeFinish) {
            this.beforeFinish = beforeFinish;
        }
    }

    record Cancelled(String customer, UploadMetadata metadata, byte[] file, CancelPoint point, int chunksSent,
            CompletableFuture<Document> answer) {
        @Override
        public String toString() {
            return point + " after " + chunksSent + " of " + chunks(file) + " chunks";
        }
    }

    @Test
    void aThousandUploadsCancelledAtRandomPointsLeaveNoDocumentAndNoHeldKeyBeforeFinish() throws Exception {
        long seed = Long.getLong("docverify.cancels.seed", System.nanoTime());
        var random = new Random(seed);
        var inFlight = new Semaphore(32);
        var uploads = new ArrayList<Cancelled>();
        for (int i = 0; i < UPLOADS; i++) {
            CancelPoint point = CancelPoint.values()[random.nextInt(CancelPoint.values().length)];
            byte[] file = LeakMarker.mark(TestFiles.png(CHUNK * (1 + random.nextInt(8)) - random.nextInt(CHUNK / 2)));
            int chunks = chunks(file);
            int sent = switch (point) {
                case MID_FILE -> random.nextInt(chunks);
                case HALF_CLOSE_THEN_CANCEL -> random.nextInt(chunks + 1);
                default -> chunks;
            };
            String customer = Calls.customerAwaitingDocuments(server);
            UploadMetadata metadata = Calls.passportOf(customer).toBuilder()
                    .setIdempotencyKey("cancel-" + i + "-" + UUID.randomUUID()).build();
            inFlight.acquire();
            var answer = sendAndCancel(metadata, file, point, sent, random.nextInt(3));
            answer.whenComplete((d, e) -> inFlight.release());
            uploads.add(new Cancelled(customer, metadata, file, point, sent, answer));
        }
        for (Cancelled c : uploads) {
            c.answer().handle((d, e) -> null).get(30, TimeUnit.SECONDS);
        }
        awaitNoUploadInProgress();

        String context = "seed " + seed + " (-Ddocverify.cancels.seed)";
        int storedAfterFinish = 0;
        for (Cancelled c : uploads) {
            if (c.point().beforeFinish) {
                assertThat(c.answer()).as("%s, %s", c, context).isCompletedExceptionally();
                assertThat(documentsOf(c.customer())).as("documents of %s, %s", c, context).isEmpty();
            } else {
                storedAfterFinish += documentsOf(c.customer()).size();
            }
        }
        System.out.printf("%d cancelled uploads (%s); %d of %d cancelled after finish had created their "
                + "document%n", uploads.size(), context, storedAfterFinish,
                uploads.stream().filter(c -> !c.point().beforeFinish).count());
        var retries = new ArrayList<CompletableFuture<Document>>();
        for (Cancelled c : uploads) {
            // Before finish the key must be free, not bound to a cut file: a different, whole file is accepted.
            byte[] retry = c.point().beforeFinish ? LeakMarker.mark(TestFiles.png(3 * CHUNK)) : c.file();
            inFlight.acquire();
            var answer = Calls.send(server.documentsAsync(), Calls.messages(c.metadata(), retry, CHUNK));
            answer.whenComplete((d, e) -> inFlight.release());
            retries.add(answer);
        }
        for (int i = 0; i < uploads.size(); i++) {
            Cancelled c = uploads.get(i);
            Document retried;
            try {
                retried = Calls.await(retries.get(i));
            } catch (StatusRuntimeException e) {
                throw new AssertionError("the retry under the key of " + c + " failed, " + context, e);
            }
            assertThat(documentsOf(c.customer())).as("documents after the retry of %s, %s", c, context)
                    .extracting(Document::getId).containsExactly(retried.getId());
            if (c.answer().isDone() && !c.answer().isCompletedExceptionally()) {
                assertThat(retried.getId()).as("the retry of %s gets the document its call created", c)
                        .isEqualTo(c.answer().join().getId());
            }
        }
        assertThat(uploads).extracting(Cancelled::point).as("every cancel point was tried")
                .containsAll(List.of(CancelPoint.values()));
    }

    /** Sends the upload up to {@code point} and cancels there; {@code pauseMillis} before the cancel. */
    private CompletableFuture<Document> sendAndCancel(UploadMetadata metadata, byte[] file, CancelPoint point,
            int chunksSent, int pauseMillis) throws InterruptedException {
        var answer = new CompletableFuture<Document>();
        ClientCall<UploadDocumentRequest, UploadDocumentResponse> call = authenticated.newCall(
                DocumentServiceGrpc.getUploadDocumentMethod(),
                CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS));
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onMessage(UploadDocumentResponse message) {
                answer.complete(message.getDocument());
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                if (!answer.isDone()) {
                    answer.completeExceptionally(status.asRuntimeException(trailers));
                }
            }
        }, new Metadata());
        call.request(1);
        List<UploadDocumentRequest> messages = Calls.messagesWithoutFinish(metadata, file, CHUNK);
        messages.subList(0, 1 + chunksSent).forEach(call::sendMessage);
        switch (point) {
            case HALF_CLOSE_THEN_CANCEL -> call.halfClose();
            case AFTER_FINISH -> call.sendMessage(Calls.finishMessage(file.length));
            case AFTER_FINISH_AND_HALF_CLOSE -> {
                call.sendMessage(Calls.finishMessage(file.length));
                call.halfClose();
            }
            default -> {
            }
        }
        if (pauseMillis > 0) {
            Thread.sleep(pauseMillis); // without a pause, grpc-java's RST_STREAM overtakes the queued DATA frames
        }
        call.cancel("the test cancels at " + point, null);
        return answer;
    }

    private static int chunks(byte[] file) {
        return (file.length + CHUNK - 1) / CHUNK;
    }

    private void awaitNoUploadInProgress() {
        await().atMost(Duration.ofSeconds(20)).until(() ->
                server.server().registry().get("docverify.uploads.in.progress").gauge().value() == 0);
    }

    private List<Document> documentsOf(String customer) {
        return server.documents().listDocuments(ListDocumentsRequest.newBuilder().setCustomerId(customer).build())
                .getDocumentsList();
    }
}
