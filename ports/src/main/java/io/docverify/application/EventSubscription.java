package io.docverify.application;

import io.docverify.domain.OwnerId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One reader of a {@link ServiceEventLog}: the retained events it asked to replay, then every new one, in log
 * order, without a gap or a duplicate between the two. New events are queued on the appending thread (a bounded
 * queue: {@link ServiceEventLog.Settings#streamQueue()}), and the {@code wake} callback says that there is
 * something to {@link #poll}; the reader drains on its own thread, at its own pace. A reader that lets the queue
 * fill up is dropped by the log: it still polls what was queued, then {@link #overflowed()} says it fell behind
 * (it can subscribe again after the last event it took). Polling is for one thread at a time.
 */
public final class EventSubscription implements AutoCloseable {
    private final ServiceEventLog log;
    private final Optional<OwnerId> owner;
    private final List<ServiceEvent> replay;
    private final int capacity;
    private final Runnable wake;
    private final ConcurrentLinkedQueue<ServiceEvent> live = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private int replayed;
    private volatile boolean overflowed;
    private volatile boolean closed;

    EventSubscription(ServiceEventLog log, Optional<OwnerId> owner, List<ServiceEvent> replay, int capacity,
            Runnable wake) {
        this.log = log;
        this.owner = owner;
        this.replay = replay;
        this.capacity = capacity;
        this.wake = wake;
    }

    /** The owner this subscription follows; empty: every owner. */
    public Optional<OwnerId> owner() {
        return owner;
    }

    /** The next event, or null if there is none yet (or the subscription was closed). */
    public ServiceEvent poll() {
        if (closed) {
            return null;
        }
        if (replayed < replay.size()) {
            return replay.get(replayed++);
        }
        ServiceEvent next = live.poll();
        if (next != null) {
            queued.decrementAndGet();
        }
        return next;
    }

    /**
     * True once the reader fell behind by more than the queue holds: the log dropped it, nothing more is queued.
     * Read it before the last {@link #poll}: once this is true, a null poll means the subscription is over.
     */
    public boolean overflowed() {
        return overflowed;
    }

    /** Events queued and not yet polled (live ones only, not the replay). */
    public int queued() {
        return queued.get();
    }

    /** Ends the subscription; the log forgets it. Idempotent, from any thread. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            log.remove(this);
            live.clear();
        }
    }

    /** Queues a new event, from the appending thread under the log's lock; false once it must be dropped. */
    boolean offer(ServiceEvent event) {
        if (closed || overflowed) {
            return false;
        }
        if (queued.incrementAndGet() > capacity) {
            overflowed = true;
            wakeQuietly();
            return false;
        }
        live.add(event);
        wakeQuietly();
        return true;
    }

    private void wakeQuietly() {
        try {
            wake.run();
        } catch (RuntimeException e) {
            // The reader's executor refused (shutting down): it will not drain again; the log goes on.
        }
    }
}
