package io.docverify.ports.stream;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The one demand loop of the project's publishers: a publisher for one subscriber (a second one gets
 * {@code onSubscribe} and then {@code onError}, rule 1.9), whose subclass supplies only its source, pulled on
 * demand ({@link #pull}) or pushed ({@link #enqueue}, {@link #endWithCompletion}, {@link #endWithError}). Checked against the
 * Reactive Streams TCK in every module that has a publisher. This class owns the rules every source would
 * otherwise repeat:
 * <ul>
 * <li>demand adds up to {@code Long.MAX_VALUE} and stays there (3.17); a non-positive request ends the stream
 * with {@link IllegalArgumentException} (3.9), before anything still buffered;</li>
 * <li>signals are serialized through one drain loop, whichever thread requests, pushes or cancels (1.3), and a
 * {@code request} from inside {@code onNext} only adds demand for the running loop (3.2, 3.3: no recursion);</li>
 * <li>{@code cancel} is idempotent and thread-safe, and after it (or a terminal signal) {@code request} and
 * {@code cancel} are no-ops (3.5, 3.6, 3.7); the subscriber is dropped then (3.13);</li>
 * <li>exactly one terminal signal, after what was pushed before it (1.7); a null subscriber or item is refused
 * with {@link NullPointerException} (1.9, 2.13); a subscriber whose {@code onNext} throws is taken as cancelled
 * (2.13) and the throw goes on to the caller.</li>
 * </ul>
 * A source may end before anyone subscribed (an empty upload, a cancelled call): the end is kept and delivered on
 * subscription. By default the loop runs in the calling thread; a source bound to one thread (an event loop)
 * moves it there with {@link #execute}.
 *
 * @param <T> the items
 */
public abstract class SingleSubscriberPublisher<T> implements Flow.Publisher<T> {
    private final Supplier<? extends Throwable> secondSubscriber;
    private final Link link = new Link();
    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicBoolean attached = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    /** Set once {@code onSubscribe} returned; dropped at the end. */
    private volatile Flow.Subscriber<? super T> subscriber;
    private volatile boolean cancelled;
    private volatile boolean terminated;
    private volatile boolean ended;
    private volatile Throwable endError;
    private volatile Throwable refusedRequest;

    /** @param secondSubscriber the error a second subscriber gets */
    protected SingleSubscriberPublisher(Supplier<? extends Throwable> secondSubscriber) {
        this.secondSubscriber = Objects.requireNonNull(secondSubscriber, "secondSubscriber");
    }

    @Override
    public final void subscribe(Flow.Subscriber<? super T> s) {
        Objects.requireNonNull(s, "subscriber");
        execute(() -> attach(s));
    }

    private void attach(Flow.Subscriber<? super T> s) {
        if (!attached.compareAndSet(false, true)) {
            refuse(s, secondSubscriber.get());
            return;
        }
        s.onSubscribe(link);
        subscriber = s; // signals start only now: none is nested in onSubscribe
        if (cancelled) {
            subscriber = null;
            return;
        }
        started();
        drain();
    }

    /** Gives {@code s} a subscription that does nothing, then {@code error} (rule 1.9). */
    private static void refuse(Flow.Subscriber<?> s, Throwable error) {
        s.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }
        });
        s.onError(error);
    }

    // ------------------------------------------------------------------ for the source

    /**
     * The next item if one is there now, or null (for now, or for good after calling {@link #endWithCompletion} or
     * {@link #endWithError}). Called only inside the loop, only with demand, when nothing pushed is waiting; a throw ends the
     * stream with it. By default nothing: a source that only pushes.
     */
    protected T pull() throws Exception {
        return null;
    }

    /** Runs after {@code onSubscribe} returned, before the first item. */
    protected void started() {
    }

    /** Runs on every valid request, in the requesting thread, after the demand was added. */
    protected void requested(long n) {
    }

    /** Runs once, at the end of the stream or on cancel, before the terminal signal: let go of the source. */
    protected void released() {
    }

    /** Runs each time the loop stops (nothing more to hand out for now), in the thread that ran it. */
    protected void drained() {
    }

    /** Where the loop and {@code subscribe} run; by default in the calling thread. */
    protected void execute(Runnable task) {
        task.run();
    }

    /** Queues an item for the subscriber; dropped once the stream ended or was cancelled. */
    protected final void enqueue(T item) {
        Objects.requireNonNull(item, "item");
        if (ended || cancelled || terminated) {
            return;
        }
        queue.add(item);
        execute(this::drain);
    }

    /** The source ended well: completes once what was offered before is handed out. The first end wins. */
    protected final void endWithCompletion() {
        end(null);
        execute(this::drain);
    }

    /** The source failed: the subscriber gets {@code error} after what was offered before. The first end wins. */
    protected final void endWithError(Throwable error) {
        end(Objects.requireNonNull(error, "error"));
        execute(this::drain);
    }

    /** True once the subscriber cancelled or the stream signalled its end: nothing more goes out. */
    protected final boolean isDone() {
        return cancelled || terminated;
    }

    /** True once the subscriber cancelled. */
    protected final boolean wasCancelled() {
        return cancelled;
    }

    /** True while offered items wait for demand. */
    protected final boolean hasQueued() {
        return !queue.isEmpty();
    }

    // ------------------------------------------------------------------ the loop

    private void end(Throwable error) {
        if (!ended) {
            endError = error;
            ended = true;
        }
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return; // the running loop, further up this stack or in another thread, sees the change
        }
        int missed = 1;
        do {
            Flow.Subscriber<? super T> s = subscriber;
            if (s != null) {
                emit(s);
            } else if (cancelled) {
                queue.clear();
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
        drained();
    }

    private void emit(Flow.Subscriber<? super T> s) {
        while (true) {
            if (cancelled || terminated) {
                queue.clear();
                return;
            }
            Throwable refused = refusedRequest;
            if (refused != null) {
                terminate(s, refused);
                return;
            }
            if (ended && queue.isEmpty()) {
                terminate(s, endError);
                return;
            }
            if (demand.get() == 0) {
                return;
            }
            T item = queue.poll();
            if (item == null && !ended) {
                try {
                    item = pull();
                } catch (Exception e) {
                    end(e);
                    continue;
                }
            }
            if (item == null) {
                if (ended) {
                    continue;
                }
                return;
            }
            demand.decrementAndGet();
            try {
                s.onNext(item);
            } catch (RuntimeException e) {
                link.cancel(); // a subscriber that throws is taken as gone (rule 2.13)
                throw e;
            }
        }
    }

    private void terminate(Flow.Subscriber<? super T> s, Throwable error) {
        terminated = true;
        subscriber = null;
        queue.clear();
        release();
        if (error == null) {
            s.onComplete();
        } else {
            s.onError(error);
        }
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            released();
        }
    }

    /** What the subscriber holds; only the subscriber calls it. */
    private final class Link implements Flow.Subscription {
        @Override
        public void request(long n) {
            if (cancelled || terminated || refusedRequest != null) {
                return;
            }
            if (n <= 0) {
                refusedRequest = new IllegalArgumentException(
                        "non-positive request " + n + " (Reactive Streams rule 3.9)");
            } else {
                demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                requested(n);
            }
            execute(SingleSubscriberPublisher.this::drain);
        }

        @Override
        public void cancel() {
            if (cancelled) {
                return;
            }
            cancelled = true;
            subscriber = null;
            release();
            execute(SingleSubscriberPublisher.this::drain);
        }
    }
}
