package io.docverify.dwollaserver;

import io.docverify.adapter.inmemory.EventLog;
import io.docverify.adapter.inmemory.SandboxEvent;
import io.docverify.dwollaserver.WebhookStore.Attempt;
import io.docverify.dwollaserver.WebhookStore.Header;
import io.docverify.dwollaserver.WebhookStore.Subscription;
import io.docverify.dwollaserver.WebhookStore.Webhook;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.codec.BodyCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Delivers webhooks as Dwolla does: every event (heard from the {@link EventLog}) is POSTed to every subscription
 * that is not paused, signed ({@link WebhookSignature}), at most {@link WebhookSettings#maxInFlight()} at once per
 * subscription (the rest wait), a 2xx within the timeout a success, anything else (a redirect is not followed) a
 * failure retried on {@link WebhookSettings#retrySchedule()} from the first attempt, on the server's clock. A
 * periodic check (real time) and {@link #deliverDueNow()} send what is due. Never logs a secret or a body.
 */
final class WebhookSender implements AutoCloseable {
    static final String USER_AGENT = "dwolla-webhooks/1.1";

    private final Vertx vertx;
    private final Clock clock;
    private final WebhookSettings settings;
    private final WebhookStore store;
    private final EventJson json;
    private final WebhookFaults faults = new WebhookFaults();
    private final WebClient client;
    private final EventLog.Subscription listening;
    private final long timer;
    /** A delivery held back by {@link WebhookFaults.OutOfOrder}, sent after the next one was answered. */
    private Webhook held; // guarded by store
    private volatile boolean closed;

    WebhookSender(Vertx vertx, Clock clock, WebhookSettings settings, WebhookStore store, EventJson json,
            EventLog log) {
        this.vertx = vertx;
        this.clock = clock;
        this.settings = settings;
        this.store = store;
        this.json = json;
        this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
                .setUserAgentEnabled(false).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(WebhookStore.MAX_SUBSCRIPTIONS * settings.maxInFlight()));
        this.listening = log.listen(this::raise);
        this.timer = vertx.setPeriodic(settings.checkEvery().toMillis(), t -> deliverDueNow());
    }

    WebhookFaults faults() {
        return faults;
    }

    /** Forgets every subscription, webhook and delivery waiting, scheduled or held back (the sandbox's reset). */
    void reset() {
        synchronized (store) {
            held = null;
            store.clear();
        }
    }

    /** Sends every retry that is due on the clock now, and whatever waits for a free slot. */
    void deliverDueNow() {
        if (closed) {
            return;
        }
        List<Webhook> now = new ArrayList<>();
        synchronized (store) {
            for (Webhook webhook : store.due(clock.instant())) {
                webhook.due = Optional.empty();
                webhook.retriesMade++;
                offer(webhook, now);
            }
            for (Subscription subscription : store.liveSubscriptions()) {
                pull(subscription, now);
            }
        }
        now.forEach(this::start);
    }

    /** Sends a webhook again at once (a retry asked for), whatever its schedule. */
    void resend(String webhookId) {
        List<Webhook> now = new ArrayList<>();
        synchronized (store) {
            store.live(webhookId).filter(w -> !w.subscription.deleted).ifPresent(w -> offer(w, now));
        }
        now.forEach(this::start);
    }

    private void raise(SandboxEvent event) {
        if (!store.hasSubscriptions()) {
            return; // the common case in benchmarks: no JSON rendered, nothing kept
        }
        String body = json.event(event);
        List<Webhook> now = new ArrayList<>();
        synchronized (store) {
            for (Webhook webhook : store.raise(event, body)) {
                if (!webhook.subscription.paused) {
                    offer(webhook, now);
                }
            }
        }
        now.forEach(this::start);
    }

    /** Takes a slot for the webhook, or queues it; call holding the store's lock. */
    private void offer(Webhook webhook, List<Webhook> now) {
        Subscription subscription = webhook.subscription;
        if (subscription.inFlight < settings.maxInFlight()) {
            subscription.inFlight++;
            now.add(webhook);
        } else {
            subscription.waiting.add(webhook);
        }
    }

    /** Moves waiting webhooks into free slots; call holding the store's lock. */
    private void pull(Subscription subscription, List<Webhook> now) {
        while (!subscription.paused && !subscription.deleted && subscription.inFlight < settings.maxInFlight()
                && !subscription.waiting.isEmpty()) {
            subscription.inFlight++;
            now.add(subscription.waiting.poll());
        }
    }

    /** Sends a webhook that holds a slot, after its fault if one is queued. */
    private void start(Webhook webhook) {
        if (closed) {
            return;
        }
        WebhookFaults.Fault fault = faults.next().orElse(null);
        String secret = webhook.subscription.secret;
        if (fault instanceof WebhookFaults.OutOfOrder) {
            synchronized (store) {
                if (held == null) {
                    held = webhook;
                    return;
                }
            }
        }
        if (fault instanceof WebhookFaults.Delay delay) {
            vertx.setTimer(Math.max(1, delay.delay().toMillis()), t -> send(webhook, secret, false));
        } else if (fault instanceof WebhookFaults.WrongSecret) {
            send(webhook, secret + "-not-the-secret", false);
        } else {
            send(webhook, secret, fault instanceof WebhookFaults.Twice);
        }
    }

    private void send(Webhook webhook, String secret, boolean twice) {
        post(webhook, secret).onComplete(done -> {
            Attempt attempt = done.result();
            if (twice) {
                record(webhook, attempt, false);
                post(webhook, secret).onComplete(again -> record(webhook, again.result(), true));
            } else {
                record(webhook, attempt, true);
            }
        });
    }

    /** One POST; the future always succeeds, with the attempt (a failure is an attempt without a response). */
    private Future<Attempt> post(Webhook webhook, String secret) {
        byte[] body = webhook.body.getBytes(StandardCharsets.UTF_8);
        List<Header> headers = List.of(new Header("Content-Type", "application/json"),
                new Header("User-Agent", USER_AGENT),
                new Header("X-Dwolla-Topic", webhook.event.topic()),
                new Header(WebhookSignature.HEADER, WebhookSignature.sign(secret, body)));
        String url = webhook.subscription.url;
        String id = UUID.randomUUID().toString();
        Instant at = clock.instant();
        Promise<Attempt> attempt = Promise.promise();
        var settled = new AtomicBoolean();
        long timeout = settings.timeout().toMillis();
        long deadline = vertx.setTimer(timeout, t -> {
            if (settled.compareAndSet(false, true)) {
                attempt.complete(new Attempt(id, at, url, headers, webhook.body, Optional.empty(), 0, List.of(), ""));
            }
        });
        var answer = new BoundedBody(settings.maxResponseBodyBytes());
        HttpRequest<Buffer> request;
        try {
            request = client.postAbs(url);
        } catch (RuntimeException unusable) {
            vertx.cancelTimer(deadline);
            settled.set(true);
            return Future.succeededFuture(
                    new Attempt(id, at, url, headers, webhook.body, Optional.empty(), 0, List.of(), ""));
        }
        headers.forEach(h -> request.putHeader(h.name(), h.value()));
        request.followRedirects(false).idleTimeout(timeout).connectTimeout(timeout)
                .as(BodyCodec.pipe(answer)).sendBuffer(Buffer.buffer(body)).onComplete(done -> {
                    if (!settled.compareAndSet(false, true)) {
                        return;
                    }
                    vertx.cancelTimer(deadline);
                    if (done.failed()) {
                        attempt.complete(new Attempt(id, at, url, headers, webhook.body, Optional.empty(), 0,
                                List.of(), ""));
                        return;
                    }
                    List<Header> answered = new ArrayList<>();
                    done.result().headers().forEach(h -> answered.add(new Header(h.getKey(), h.getValue())));
                    attempt.complete(new Attempt(id, at, url, headers, webhook.body, Optional.of(clock.instant()),
                            done.result().statusCode(), List.copyOf(answered), answer.text()));
                });
        return attempt.future();
    }

    /** Records an attempt; {@code last} frees the slot, schedules a retry after a failure and sends what waits. */
    private void record(Webhook webhook, Attempt attempt, boolean last) {
        List<Webhook> now = new ArrayList<>();
        Webhook release = null;
        synchronized (store) {
            Subscription subscription = webhook.subscription;
            webhook.attempts.add(attempt);
            if (attempt.succeeded()) {
                webhook.succeeded = true;
                webhook.due = Optional.empty();
                subscription.consecutiveFailures = 0;
                subscription.lastSuccess = attempt.requestAt();
            } else {
                subscription.consecutiveFailures++;
                pauseIfUnreachable(subscription, attempt.requestAt());
            }
            if (!last) {
                return;
            }
            subscription.inFlight--;
            if (!webhook.succeeded && !subscription.paused && webhook.retriesMade < settings.retrySchedule().size()) {
                webhook.due = Optional.of(webhook.attempts.get(0).requestAt()
                        .plus(settings.retrySchedule().get(webhook.retriesMade)));
            }
            if (held != null && held != webhook) {
                release = held;
                held = null;
            }
            pull(subscription, now);
        }
        if (release != null && !closed) {
            Webhook late = release;
            send(late, late.subscription.secret, false);
        }
        now.forEach(this::start);
    }

    /** Dwolla's automatic pause; call holding the store's lock. */
    private void pauseIfUnreachable(Subscription subscription, Instant now) {
        if (subscription.consecutiveFailures >= settings.pauseAfterFailures()
                && Duration.between(subscription.lastSuccess, now).compareTo(settings.pauseWithoutSuccess()) >= 0) {
            store.pause(subscription);
        }
    }

    @Override
    public void close() {
        closed = true;
        listening.close();
        vertx.cancelTimer(timer);
        client.close();
    }
}
