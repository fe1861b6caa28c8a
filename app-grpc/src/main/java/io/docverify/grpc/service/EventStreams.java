package io.docverify.grpc.service;

import io.docverify.application.EventNotRetainedException;
import io.docverify.application.EventSubscription;
import io.docverify.application.ServiceEvent;
import io.docverify.application.ServiceEventLog;
import io.docverify.domain.OwnerId;
import io.docverify.grpc.security.Caller;
import io.docverify.grpc.v1.DocumentServiceProto.WatchEventsRequest;
import io.docverify.grpc.v1.DocumentServiceProto.WatchEventsResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code WatchEvents} streams of one server: each follows the {@link ServiceEventLog} through an
 * {@link EventsCall}, and every stream drains on one small pool of {@link #DRAIN_THREADS} threads, whatever the
 * number of streams. An event that many streams send is converted to its message once (the last conversion is
 * kept for the next stream).
 */
public final class EventStreams implements AutoCloseable {
    /** Threads that send events to every stream. */
    public static final int DRAIN_THREADS = 2;
    private static final AtomicInteger POOLS = new AtomicInteger();
    private static final Logger LOG = LoggerFactory.getLogger(EventStreams.class);

    private record Converted(ServiceEvent event, WatchEventsResponse message) {
    }

    private final ServiceEventLog log;
    private final ExecutorService executor;
    private final Set<EventsCall> active = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Converted> lastConverted = new AtomicReference<>();

    /** Streams over {@code log}, with their own pool of {@link #DRAIN_THREADS} daemon threads. */
    public EventStreams(ServiceEventLog log) {
        this.log = Objects.requireNonNull(log, "log");
        int pool = POOLS.incrementAndGet();
        var threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(DRAIN_THREADS, r -> {
            Thread t = new Thread(r, "docverify-events-" + pool + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The log the streams follow (the webhook processor's {@code AppliedEvents} with the Dwolla backend). */
    public ServiceEventLog log() {
        return log;
    }

    /** Streams open now. */
    public int active() {
        return active.size();
    }

    /** Starts one call; runs inside the service method (the caller's name is read from its context). */
    void start(WatchEventsRequest request, StreamObserver<WatchEventsResponse> observer) {
        Optional<OwnerId> owner;
        Optional<String> after;
        try {
            owner = EventMessages.owner(request);
            after = EventMessages.afterEventId(request);
        } catch (RuntimeException e) {
            Replies.fail("events", observer, e);
            return;
        }
        var response = (ServerCallStreamObserver<WatchEventsResponse>) observer;
        var call = new EventsCall(response, this, executor);
        response.setOnCancelHandler(call::cancelled);
        response.setOnReadyHandler(call::wake);
        EventSubscription subscription;
        try {
            subscription = log.subscribe(owner, after, request.getFromOldest(), call::wake);
        } catch (EventNotRetainedException e) {
            LOG.atInfo().addKeyValue("event", "events.refused").addKeyValue("caller", Caller.current())
                    .addKeyValue("code", EventMessages.NOT_RETAINED).log("request refused");
            response.onError(EventMessages.notRetained(e));
            return;
        }
        active.add(call);
        call.started(subscription);
    }

    /** The message of {@code event}, converted once for the streams that send it one after the other. */
    WatchEventsResponse toProto(ServiceEvent event) {
        Converted last = lastConverted.get();
        if (last != null && last.event() == event) {
            return last.message();
        }
        WatchEventsResponse message = EventMessages.toProto(event);
        lastConverted.set(new Converted(event, message));
        return message;
    }

    void ended(EventsCall call) {
        active.remove(call);
    }

    /** Ends every open stream with UNAVAILABLE (clients resume elsewhere after their last event). */
    public void closeStreams() {
        List.copyOf(active).forEach(EventsCall::shutdown);
    }

    /** Ends every stream and stops the drain threads. */
    @Override
    public void close() {
        closeStreams();
        executor.shutdownNow();
    }
}
