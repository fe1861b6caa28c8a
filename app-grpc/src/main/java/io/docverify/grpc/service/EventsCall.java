package io.docverify.grpc.service;

import io.docverify.application.EventSubscription;
import io.docverify.application.ServiceEvent;
import io.docverify.grpc.security.Caller;
import io.docverify.grpc.v1.DocumentServiceProto.WatchEventsResponse;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code WatchEvents} call. The log queues new events on the appending thread and wakes the call, which then
 * drains on the shared executor, never on a thread of its own: the number of threads does not grow with the number
 * of streams. A drain sends only while the client keeps up ({@code isReady}); the on-ready handler wakes it again.
 * A stream whose queue overflowed ends at once with RESOURCE_EXHAUSTED, its queue dropped.
 * At most one drain runs at a time ({@link #wip}); writes to the response hold this object's lock, since a
 * shutdown ends the call from another thread, and {@link #closed} stops writes after the end.
 */
final class EventsCall {
    private static final Logger LOG = LoggerFactory.getLogger(EventsCall.class);

    private final ServerCallStreamObserver<WatchEventsResponse> response;
    private final EventStreams streams;
    private final Executor executor;
    private final String caller = Caller.current();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile EventSubscription subscription;
    private volatile String lastSent;
    private boolean closed;

    EventsCall(ServerCallStreamObserver<WatchEventsResponse> response, EventStreams streams, Executor executor) {
        this.response = response;
        this.streams = streams;
        this.executor = executor;
    }

    /** Starts streaming from {@code s}; the handlers were set before the subscription was taken. */
    void started(EventSubscription s) {
        subscription = s;
        boolean endedMeanwhile;
        synchronized (this) {
            endedMeanwhile = closed;
        }
        if (endedMeanwhile) {
            s.close();
            return;
        }
        wake();
    }

    /** There may be something to send (a new event, or the client is ready again): drain on the executor. */
    void wake() {
        if (wip.getAndIncrement() == 0) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        int missed = 1;
        do {
            try {
                sendWhileReady();
            } catch (RuntimeException e) {
                fail(e);
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void sendWhileReady() {
        EventSubscription s = subscription;
        if (s == null) {
            return;
        }
        while (true) {
            // Fell behind: end now, whether or not the client reads; what was sent reaches it before the status,
            // and the status names the last event sent, where the client resumes (the log still has the rest).
            if (s.overflowed()) {
                tooSlow();
                return;
            }
            if (!response.isReady()) {
                return;
            }
            ServiceEvent event = s.poll();
            if (event == null) {
                return;
            }
            WatchEventsResponse message = streams.toProto(event);
            synchronized (this) {
                if (closed) {
                    return;
                }
                response.onNext(message);
            }
            lastSent = event.id();
        }
    }

    private void tooSlow() {
        if (end()) {
            LOG.atInfo().addKeyValue("event", "events.tooSlow").addKeyValue("caller", caller)
                    .log("event stream ended: the client fell behind");
            response.onError(EventMessages.tooSlow(Optional.ofNullable(lastSent), streams.log().settings()
                    .streamQueue()));
        }
        close();
    }

    private void fail(RuntimeException e) {
        boolean ended;
        synchronized (this) {
            ended = !closed;
            if (ended) {
                closed = true;
                Replies.fail("events", caller, response, e);
            }
        }
        close();
    }

    /** Ends the stream because the server is shutting down. */
    void shutdown() {
        synchronized (this) {
            if (!closed) {
                closed = true;
                response.onError(Status.UNAVAILABLE.withDescription("The server is shutting down; watch again "
                        + "with after_event_id set to the last event received.").asRuntimeException());
            }
        }
        close();
    }

    /** The client went away (cancelled, or its deadline passed). */
    void cancelled() {
        synchronized (this) {
            closed = true;
        }
        close();
    }

    /** Marks the end; true if this call ended it (then no one else writes to the response). */
    private synchronized boolean end() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    private void close() {
        streams.ended(this);
        EventSubscription s = subscription;
        if (s != null) {
            s.close();
        }
    }
}
