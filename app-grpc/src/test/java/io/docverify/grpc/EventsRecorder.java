package io.docverify.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.DocumentEvent;
import io.docverify.grpc.v1.DocumentServiceProto.WatchEventsRequest;
import io.docverify.grpc.v1.DocumentServiceProto.WatchEventsResponse;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WatchEvents client that records the events and how the stream ended; optionally one that stops reading until
 * told ({@link #paused}), to play a client that falls behind.
 */
public final class EventsRecorder implements ClientResponseObserver<WatchEventsRequest, WatchEventsResponse> {
    public final BlockingQueue<DocumentEvent> events = new LinkedBlockingQueue<>();
    public final CompletableFuture<Throwable> end = new CompletableFuture<>();
    /** Events a paused stream reads before it stops reading. */
    public static final int PAUSED_READS = 5;
    private final boolean paused;
    private volatile ClientCallStreamObserver<WatchEventsRequest> call;

    private EventsRecorder(boolean paused) {
        this.paused = paused;
    }

    /** A stream with a 60 s deadline that reads as fast as events come. */
    public static EventsRecorder watch(DocumentServiceGrpc.DocumentServiceStub stub, WatchEventsRequest request) {
        return start(stub.withDeadlineAfter(60, TimeUnit.SECONDS), request, false);
    }

    /** A stream that reads {@link #PAUSED_READS} events, then nothing until {@link #resume()}. */
    public static EventsRecorder paused(DocumentServiceGrpc.DocumentServiceStub stub, WatchEventsRequest request) {
        return start(stub.withDeadlineAfter(60, TimeUnit.SECONDS), request, true);
    }

    /** A stream on {@code stub} as it is (its deadline, its executor). */
    public static EventsRecorder start(DocumentServiceGrpc.DocumentServiceStub stub, WatchEventsRequest request,
            boolean paused) {
        var recorder = new EventsRecorder(paused);
        stub.watchEvents(request, recorder);
        return recorder;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<WatchEventsRequest> requestStream) {
        call = requestStream;
        if (paused) {
            requestStream.disableAutoRequestWithInitial(PAUSED_READS);
        }
    }

    /** A paused stream reads everything from now on. */
    public void resume() {
        call.request(Integer.MAX_VALUE);
    }

    /** The next event, within 10 s. */
    public DocumentEvent next() throws InterruptedException {
        DocumentEvent e = events.poll(10, TimeUnit.SECONDS);
        assertThat(e).as("an event within 10 s").isNotNull();
        return e;
    }

    /** The next {@code n} events. */
    public List<DocumentEvent> next(int n) throws InterruptedException {
        var out = new ArrayList<DocumentEvent>();
        for (int i = 0; i < n; i++) {
            out.add(next());
        }
        return out;
    }

    /** The stream's error (null if it completed); waits up to 30 s. */
    public Throwable awaitEnd() throws Exception {
        return end.get(30, TimeUnit.SECONDS);
    }

    /** The status code the stream ended with (OK when it completed). */
    public Status.Code endCode() throws Exception {
        Throwable error = awaitEnd();
        return error == null ? Status.Code.OK : Status.fromThrowable(error).getCode();
    }

    public void cancel() {
        call.cancel("test cancels the stream", null);
    }

    @Override
    public void onNext(WatchEventsResponse value) {
        events.add(value.getEvent());
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
