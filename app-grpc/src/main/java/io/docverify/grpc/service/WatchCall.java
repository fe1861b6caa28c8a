package io.docverify.grpc.service;

import io.docverify.domain.Document;
import io.docverify.grpc.security.Caller;
import io.docverify.grpc.v1.DocumentServiceProto.WatchDocumentResponse;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@code WatchDocument} call: subscribes to the use case's publisher and forwards each document, asking for
 * the next one only while the client keeps up ({@code isReady}, with the on-ready handler resuming). A client
 * that goes away cancels the subscription, which releases the watch's listener and poller. At shutdown the
 * server ends open watches with UNAVAILABLE so that clients watch again elsewhere.
 *
 * <p>The publisher serializes its own signals, but a shutdown comes from another thread: every write to the
 * response holds this object's lock, and {@link #closed} stops writes after the end.
 */
final class WatchCall implements Flow.Subscriber<Document> {
    private final ServerCallStreamObserver<WatchDocumentResponse> response;
    private final Set<WatchCall> active;
    private final String caller = Caller.current();
    private final AtomicBoolean wantsNext = new AtomicBoolean();
    private volatile Flow.Subscription subscription;
    private boolean closed;

    private WatchCall(ServerCallStreamObserver<WatchDocumentResponse> response, Set<WatchCall> active) {
        this.response = response;
        this.active = active;
    }

    /**
     * Starts a call; must run inside the service method, before it returns (it takes the caller's name from the
     * call's context for its log lines).
     */
    static void start(Flow.Publisher<Document> documents, StreamObserver<WatchDocumentResponse> observer,
            Set<WatchCall> active) {
        var response = (ServerCallStreamObserver<WatchDocumentResponse>) observer;
        var call = new WatchCall(response, active);
        response.setOnCancelHandler(call::cancelled);
        response.setOnReadyHandler(call::ready);
        active.add(call);
        documents.subscribe(call);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        if (subscription != null) {
            s.cancel(); // rule 2.5: one subscription only
            return;
        }
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(Document document) {
        synchronized (this) {
            if (closed) {
                return;
            }
            response.onNext(WatchDocumentResponse.newBuilder().setDocument(DocumentMessages.toProto(document))
                    .build());
        }
        wantsNext.set(true);
        ready();
    }

    @Override
    public void onError(Throwable error) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            active.remove(this);
            Replies.fail("watch", caller, response, error);
        }
    }

    @Override
    public void onComplete() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            active.remove(this);
            response.onCompleted();
        }
    }

    /** Ends the watch because the server is shutting down. */
    void shutdown() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            active.remove(this);
            response.onError(Status.UNAVAILABLE.withDescription("The server is shutting down; watch again.")
                    .asRuntimeException());
        }
    }

    private void ready() {
        Flow.Subscription s = subscription;
        if (s != null && response.isReady() && wantsNext.compareAndSet(true, false)) {
            s.request(1);
        }
    }

    private void cancelled() {
        synchronized (this) {
            closed = true;
        }
        active.remove(this);
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
