package io.docverify.dwollaserver;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;

/**
 * Faults for the next webhook deliveries, queued in order: each delivery attempt (to any subscription, first or
 * retry) takes the fault at the head of the queue, if any. Thread-safe.
 */
public final class WebhookFaults {
    /** A fault of one delivery. */
    sealed interface Fault permits Twice, OutOfOrder, Delay, WrongSecret {
    }

    /** The same request is sent twice (two attempts, the second after the first was answered). */
    record Twice() implements Fault {
    }

    /** The delivery is held back until the next delivery after it was answered, then sent. */
    record OutOfOrder() implements Fault {
    }

    /** The delivery is sent after a real-time delay. */
    record Delay(Duration delay) implements Fault {
    }

    /** The delivery is signed with a secret that is not the subscription's. */
    record WrongSecret() implements Fault {
    }

    private final ArrayDeque<Fault> queue = new ArrayDeque<>();

    WebhookFaults() {
    }

    /** The next delivery is sent twice. */
    public synchronized WebhookFaults deliverNextTwice() {
        queue.add(new Twice());
        return this;
    }

    /** The next delivery is held back until the one after it was answered, so a receiver gets them swapped. */
    public synchronized WebhookFaults deliverNextOutOfOrder() {
        queue.add(new OutOfOrder());
        return this;
    }

    /** The next delivery waits {@code delay} (real time) before it is sent. */
    public synchronized WebhookFaults delayNext(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        queue.add(new Delay(delay));
        return this;
    }

    /** The next delivery is signed with a wrong secret. */
    public synchronized WebhookFaults signNextWithWrongSecret() {
        queue.add(new WrongSecret());
        return this;
    }

    /** How many faults are still queued. */
    public synchronized int pending() {
        return queue.size();
    }

    /** Drops the queued faults. */
    public synchronized void clear() {
        queue.clear();
    }

    synchronized Optional<Fault> next() {
        return Optional.ofNullable(queue.poll());
    }
}
