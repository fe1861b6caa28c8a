package io.docverify.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.WatchDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.WatchDocumentResponse;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WatchDocument client that records the documents and how the stream ended ("completed" or the error). */
public final class WatchRecorder implements ClientResponseObserver<WatchDocumentRequest, WatchDocumentResponse> {
    public final BlockingQueue<Document> documents = new LinkedBlockingQueue<>();
    public final CompletableFuture<Throwable> end = new CompletableFuture<>();
    private volatile ClientCallStreamObserver<WatchDocumentRequest> call;

    public static WatchRecorder watch(DocumentServiceGrpc.DocumentServiceStub stub, String documentId) {
        var recorder = new WatchRecorder();
        stub.withDeadlineAfter(30, TimeUnit.SECONDS)
                .watchDocument(WatchDocumentRequest.newBuilder().setDocumentId(documentId).build(), recorder);
        return recorder;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<WatchDocumentRequest> requestStream) {
        call = requestStream;
    }

    /** The next document, within 10 s. */
    public Document next() throws InterruptedException {
        Document d = documents.poll(10, TimeUnit.SECONDS);
        assertThat(d).as("a document within 10 s").isNotNull();
        return d;
    }

    /** Null if the stream completed normally, else its error; waits up to 10 s. */
    public Throwable awaitEnd() throws Exception {
        return end.get(10, TimeUnit.SECONDS);
    }

    /** The status code the stream ended with (OK when it completed). */
    public Status.Code endCode() throws Exception {
        Throwable error = awaitEnd();
        return error == null ? Status.Code.OK : Status.fromThrowable(error).getCode();
    }

    public void cancel() {
        call.cancel("test cancels the watch", null);
    }

    @Override
    public void onNext(WatchDocumentResponse value) {
        documents.add(value.getDocument());
    }

    @Override
    public void onError(Throwable t) {
        end.complete(t);
    }

    @Override
    public void onCompleted() {
        end.complete(null);
    }
}
