package io.docverify.dwollaserver;

import io.docverify.adapter.inmemory.SandboxEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The webhook subscriptions and the webhooks (one per event and subscription, with its delivery attempts and
 * retries), as Dwolla keeps them: at most {@link #MAX_SUBSCRIPTIONS} subscriptions (Dwolla's sandbox limit), webhooks
 * for a rolling 30 days and at most {@link #MAX_WEBHOOKS}. One lock guards everything (this object); what it returns
 * are snapshots.
 */
final class WebhookStore {
    /** Dwolla's sandbox allows ten subscriptions (production five). */
    static final int MAX_SUBSCRIPTIONS = 10;
    /** Dwolla's longest secret. */
    static final int MAX_SECRET_CHARS = 128;
    /** How long Dwolla keeps the webhook history. */
    static final Duration HISTORY = Duration.ofDays(30);
    /** How many webhooks are kept at most (the oldest go first). */
    static final int MAX_WEBHOOKS = 100_000;

    private final Clock clock;
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final Map<String, Webhook> webhooks = new LinkedHashMap<>(); // oldest first

    WebhookStore(Clock clock) {
        this.clock = clock;
    }

    /** A subscription; mutable state guarded by the store. */
    static final class Subscription {
        final String id;
        final String url;
        final String secret;
        final Instant created;
        boolean paused;
        boolean deleted;
        int consecutiveFailures;
        Instant lastSuccess;
        int inFlight;
        final ArrayDeque<Webhook> waiting = new ArrayDeque<>();

        Subscription(String id, String url, String secret, Instant created) {
            this.id = id;
            this.url = url;
            this.secret = secret;
            this.created = created;
            this.lastSuccess = created;
        }

        View view() {
            return new View(id, url, paused, created);
        }
    }

    /** What a subscription shows: never its secret. */
    record View(String id, String url, boolean paused, Instant created) {
    }

    /** One event's webhook to one subscription; mutable state guarded by the store. */
    static final class Webhook {
        final String id = UUID.randomUUID().toString();
        final Subscription subscription;
        final SandboxEvent event;
        final String body;
        final Instant created;
        final List<Attempt> attempts = new ArrayList<>();
        final List<Retry> retries = new ArrayList<>();
        /** How many of the scheduled retries were made. */
        int retriesMade;
        /** When the next scheduled attempt is due, if one is. */
        Optional<Instant> due = Optional.empty();
        boolean succeeded;
        boolean sending;

        Webhook(Subscription subscription, SandboxEvent event, String body, Instant created) {
            this.subscription = subscription;
            this.event = event;
            this.body = body;
            this.created = created;
        }

        Snapshot snapshot() {
            return new Snapshot(id, subscription.id, event, created, List.copyOf(attempts), List.copyOf(retries));
        }
    }

    /** A webhook as shown. */
    record Snapshot(String id, String subscriptionId, SandboxEvent event, Instant created, List<Attempt> attempts,
            List<Retry> retries) {
    }

    /** A header as Dwolla lists it. */
    record Header(String name, String value) {
    }

    /**
     * One delivery attempt: the request sent, and the answer if one came ({@code status} 0 and no response time
     * when none did: a connection failure or a timeout).
     */
    record Attempt(String id, Instant requestAt, String url, List<Header> requestHeaders, String requestBody,
            Optional<Instant> responseAt, int status, List<Header> responseHeaders, String responseBody) {
        boolean succeeded() {
            return status >= 200 && status < 300;
        }
    }

    /** A retry asked for with {@code POST /webhooks/{id}/retries}. */
    record Retry(String id, Instant at) {
    }

    // ------------------------------------------------------------------ subscriptions

    /** The outcome of a create: the new subscription, or that there are already the most. */
    synchronized Optional<View> create(String url, String secret) {
        if (subscriptions.size() >= MAX_SUBSCRIPTIONS) {
            return Optional.empty();
        }
        var subscription = new Subscription(UUID.randomUUID().toString(), url, secret, clock.instant());
        subscriptions.put(subscription.id, subscription);
        return Optional.of(subscription.view());
    }

    /** A subscription as a state file keeps it: with its secret. */
    record Stored(String id, String url, String secret, Instant created, boolean paused) {
    }

    /** Every subscription with its secret (the state file), oldest first. */
    synchronized List<Stored> stored() {
        return subscriptions.values().stream().map(s -> new Stored(s.id, s.url, s.secret, s.created, s.paused))
                .toList();
    }

    /** Puts stored subscriptions back (at most {@link #MAX_SUBSCRIPTIONS}; an id already there is skipped). */
    synchronized void restore(List<Stored> stored) {
        for (Stored s : stored) {
            if (subscriptions.size() >= MAX_SUBSCRIPTIONS) {
                throw new IllegalArgumentException("more than " + MAX_SUBSCRIPTIONS + " webhook subscriptions");
            }
            var subscription = new Subscription(s.id(), s.url(), s.secret(), s.created());
            subscription.paused = s.paused();
            subscriptions.putIfAbsent(subscription.id, subscription);
        }
    }

    /** Forgets every subscription and webhook, and what waits to be sent (the sandbox's reset). */
    synchronized void clear() {
        for (Subscription subscription : subscriptions.values()) {
            subscription.deleted = true; // a delivery in flight finds it gone and schedules nothing more
            subscription.waiting.clear();
        }
        subscriptions.clear();
        webhooks.clear();
    }

    synchronized boolean hasSubscriptions() {
        return !subscriptions.isEmpty();
    }

    synchronized List<View> subscriptions() {
        return subscriptions.values().stream().map(Subscription::view).toList();
    }

    synchronized Optional<View> subscription(String id) {
        return Optional.ofNullable(subscriptions.get(id)).map(Subscription::view);
    }

    /** Pauses or unpauses; unpausing starts the failure count afresh. */
    synchronized Optional<View> paused(String id, boolean paused) {
        Subscription subscription = subscriptions.get(id);
        if (subscription == null) {
            return Optional.empty();
        }
        if (subscription.paused && !paused) {
            subscription.consecutiveFailures = 0;
            subscription.lastSuccess = clock.instant();
            subscription.paused = false;
        } else if (paused) {
            pause(subscription);
        }
        return Optional.of(subscription.view());
    }

    /**
     * Pauses a subscription: nothing more is sent to it on its own (scheduled retries and waiting webhooks are
     * dropped; new events still raise webhooks, without attempts); call holding the lock.
     */
    void pause(Subscription subscription) {
        subscription.paused = true;
        subscription.waiting.clear();
        webhooks.values().stream().filter(w -> w.subscription == subscription).forEach(w -> w.due = Optional.empty());
    }

    /** The subscriptions not deleted; call holding the lock. */
    List<Subscription> liveSubscriptions() {
        return List.copyOf(subscriptions.values());
    }

    /** Removes the subscription; its webhooks stay readable, none is sent any more. */
    synchronized Optional<View> delete(String id) {
        Subscription subscription = subscriptions.remove(id);
        if (subscription == null) {
            return Optional.empty();
        }
        subscription.deleted = true;
        subscription.waiting.clear();
        webhooks.values().stream().filter(w -> w.subscription == subscription).forEach(w -> w.due = Optional.empty());
        return Optional.of(subscription.view());
    }

    // ------------------------------------------------------------------ webhooks

    /**
     * The subscription's webhooks created in {@code [from, until)} (either end open when absent), newest first, and
     * how many there are; empty when there is no such subscription.
     */
    synchronized Optional<Page> webhooksOf(String subscriptionId, Optional<Instant> from, Optional<Instant> until,
            int offset, int limit) {
        Subscription subscription = subscriptions.get(subscriptionId);
        if (subscription == null) {
            return Optional.empty();
        }
        prune();
        List<Webhook> all = new ArrayList<>();
        webhooks.values().stream().filter(w -> w.subscription == subscription)
                .filter(w -> from.map(f -> !w.created.isBefore(f)).orElse(true))
                .filter(w -> until.map(u -> w.created.isBefore(u)).orElse(true))
                .forEach(all::add);
        List<Snapshot> page = new ArrayList<>();
        for (int i = all.size() - 1 - offset; i >= 0 && page.size() < limit; i--) {
            page.add(all.get(i).snapshot());
        }
        return Optional.of(new Page(page, all.size()));
    }

    /** A page of webhooks, newest first. */
    record Page(List<Snapshot> webhooks, int total) {
    }

    /** The newest {@code limit} webhooks of every subscription, newest first (the reviewer page's list). */
    synchronized List<Snapshot> recent(int limit) {
        prune();
        List<Webhook> all = new ArrayList<>(webhooks.values());
        List<Snapshot> newest = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && newest.size() < limit; i--) {
            newest.add(all.get(i).snapshot());
        }
        return newest;
    }

    synchronized Optional<Snapshot> webhook(String id) {
        prune();
        return Optional.ofNullable(webhooks.get(id)).map(Webhook::snapshot);
    }

    /** New webhooks for an event, one per subscription (a paused one's gets no attempt). */
    synchronized List<Webhook> raise(SandboxEvent event, String body) {
        List<Webhook> raised = new ArrayList<>();
        for (Subscription subscription : subscriptions.values()) {
            var webhook = new Webhook(subscription, event, body, clock.instant());
            webhooks.put(webhook.id, webhook);
            raised.add(webhook);
        }
        prune();
        return raised;
    }

    /** Records a retry asked for; empty when there is no such webhook. */
    synchronized Optional<Retry> retry(String webhookId) {
        Webhook webhook = webhooks.get(webhookId);
        if (webhook == null) {
            return Optional.empty();
        }
        var retry = new Retry(UUID.randomUUID().toString(), clock.instant());
        webhook.retries.add(retry);
        return Optional.of(retry);
    }

    /** The live webhook (for the sender), if kept. */
    synchronized Optional<Webhook> live(String webhookId) {
        return Optional.ofNullable(webhooks.get(webhookId));
    }

    /** The webhooks whose next scheduled attempt is due at {@code now}. */
    synchronized List<Webhook> due(Instant now) {
        List<Webhook> due = new ArrayList<>();
        for (Webhook webhook : webhooks.values()) {
            if (webhook.due.isPresent() && !webhook.due.get().isAfter(now) && !webhook.subscription.deleted
                    && !webhook.subscription.paused) {
                due.add(webhook);
            }
        }
        return due;
    }

    private void prune() {
        Instant oldest = clock.instant().minus(HISTORY);
        for (Iterator<Webhook> it = webhooks.values().iterator(); it.hasNext();) {
            Webhook webhook = it.next();
            if (webhooks.size() <= MAX_WEBHOOKS && !webhook.created.isBefore(oldest)) {
                return;
            }
            it.remove();
        }
    }
}
