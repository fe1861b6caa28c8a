package io.docverify.grpc;

import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentResponse;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;

/** The answer side of a client upload: {@link #result} completes with the document, or with the gRPC error. */
public class UploadAnswer implements StreamObserver<UploadDocumentResponse> {
    /** The answer: the document, or the gRPC error. */
    public final CompletableFuture<Document> result = new CompletableFuture<>();

    @Override
    public void onNext(UploadDocumentResponse value) {
        result.complete(value.getDocument());
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onCompleted() {
        result.completeExceptionally(new AssertionError("completed without a document")); // no-op after onNext
    }
}
