package io.docverify.grpc.service;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The service's upload slots and each caller's share of them. A slot is asked for once an authenticated call has
 * sent valid metadata; it is granted when a slot is free and the caller (its API key's name) holds fewer than
 * {@link #share()} slots. A fixed share, rather than one that moves with the callers present, because a slot once
 * given cannot be taken back: a key that may fill every slot while it is alone would lock out the next key that
 * comes. Refusals are immediate ({@code TooManyRequests}); nothing waits in a queue.
 */
final class UploadAdmission {
    private final int slots;
    private final int share;
    // Guarded by this.
    private final Map<String, Integer> held = new HashMap<>();
    private int inUse;

    /**
     * @param slots uploads in progress at once, at least 1
     * @param share slots one caller may hold, 1 to {@code slots}
     */
    UploadAdmission(int slots, int share) {
        if (slots < 1 || share < 1 || share > slots) {
            throw new IllegalArgumentException("need 1 <= share <= slots, got share " + share + " of " + slots);
        }
        this.slots = slots;
        this.share = share;
    }

    /**
     * The share of one key unless configured: every slot when one key may upload (there is nobody to share
     * with), otherwise half the slots rounded up, so that one key can never take them all.
     */
    static int defaultShare(int slots, int keys) {
        return keys <= 1 ? slots : Math.max(1, (slots + 1) / 2);
    }

    /** The answer to a request for a slot: a {@link Permit}, or a {@link Refused}. */
    sealed interface Outcome permits Permit, Refused {
    }

    /** No slot: every slot is taken, or the caller holds its share. */
    record Refused(UploadRefusal refusal) implements Outcome {
    }

    /** A slot for {@code caller}, or why not. */
    synchronized Outcome admit(String caller) {
        if (inUse >= slots) {
            return new Refused(UploadRefusal.slotsFull(slots));
        }
        int mine = held.getOrDefault(caller, 0);
        if (mine >= share) {
            return new Refused(UploadRefusal.keyShare(share));
        }
        held.put(caller, mine + 1);
        inUse++;
        return new Permit(caller);
    }

    /** Slots in use. */
    synchronized int inUse() {
        return inUse;
    }

    /** Slots {@code caller} holds. */
    synchronized int heldBy(String caller) {
        return held.getOrDefault(caller, 0);
    }

    int slots() {
        return slots;
    }

    int share() {
        return share;
    }

    private synchronized void release(String caller) {
        int mine = held.getOrDefault(caller, 0);
        if (mine <= 1) {
            held.remove(caller);
        } else {
            held.put(caller, mine - 1);
        }
        inUse--;
    }

    /** One granted slot; {@link #release} gives it back, once, whoever calls it how often. */
    final class Permit implements Outcome {
        private final String caller;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(String caller) {
            this.caller = caller;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                UploadAdmission.this.release(caller);
            }
        }
    }
}
