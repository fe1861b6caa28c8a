package io.docverify.dwollaserver;

import io.docverify.ports.contract.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.docverify.adapter.inmemory.SandboxEvent;
import io.docverify.domain.CustomerId;
import io.docverify.domain.owner.CustomerStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Webhook delivery to a receiver the test starts on 127.0.0.1: shape, signature, retries, concurrency, pause. */
class WebhookDeliveryTest {
    private static final String SECRET = WebhookScenario.SECRET;
    private static final Duration WAIT = WebhookScenario.WAIT;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final WebhookReceiver receiver = WebhookReceiver.start();

    @RegisterExtension
    final RunningServer running = new RunningServer(config -> config.clock(clock));
    private final WebhookScenario hooks = new WebhookScenario(running, receiver);

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }


    @Test
    void anEventIsPostedSignedWithDwollasHeadersAndTheBodyOfGetEvents() throws Exception {
        String subscription = hooks.subscribe();
        SandboxEvent event = hooks.raise();

        hooks.awaitReceived(1);

        WebhookReceiver.Received request = receiver.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.text()).isEqualTo(running.get("/events/" + event.id()).body());
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("User-Agent")).isEqualTo("dwolla-webhooks/1.1");
        assertThat(request.header("X-Dwolla-Topic")).isEqualTo(event.topic());
        assertThat(request.header("X-Request-Signature-SHA-256")).isEqualTo(WebhookScenario.hmacSha256Hex(SECRET, request.body()))
                .matches("[0-9a-f]{64}");

        JsonNode webhook = hooks.webhookAfterAttempts(subscription, 1);
        assertThat(webhook.path("eventId").asText()).isEqualTo(event.id());
        assertThat(webhook.path("topic").asText()).isEqualTo(event.topic());
        assertThat(webhook.path("subscriptionId").asText()).isEqualTo(subscription);
        JsonNode attempt = webhook.path("attempts").get(0);
        assertThat(attempt.path("request").path("url").asText()).isEqualTo(receiver.url());
        assertThat(attempt.path("request").path("body").asText()).isEqualTo(request.text());
        assertThat(attempt.path("request").path("headers").toString()).contains("X-Dwolla-Topic", event.topic());
        assertThat(attempt.path("response").path("statusCode").asInt()).isEqualTo(200);
        assertThat(attempt.path("response").path("body").asText()).isEqualTo("{\"n\":0}");
        assertThat(running.get("/webhooks/" + webhook.path("id").asText()).json()).isEqualTo(webhook);
        assertThat(webhook.toString()).doesNotContain(SECRET);
    }

    @Test
    void aFailureIsRetriedFifteenMinutesAfterTheFirstAttemptOnTheServersClock() throws Exception {
        receiver.answer(n -> n == 0 ? 500 : 200);
        String subscription = hooks.subscribe();
        hooks.raise();
        hooks.awaitReceived(1);
        hooks.webhookAfterAttempts(subscription, 1);

        clock.advance(Duration.ofMinutes(14));
        running.server().deliverDueNow();
        hooks.assertStillReceived(1);

        clock.advance(Duration.ofMinutes(1));
        running.server().deliverDueNow();
        hooks.awaitReceived(2);
        JsonNode webhook = hooks.webhookAfterAttempts(subscription, 2);
        assertThat(webhook.path("attempts").get(0).path("response").path("statusCode").asInt()).isEqualTo(500);
        assertThat(webhook.path("attempts").get(1).path("response").path("statusCode").asInt()).isEqualTo(200);
        assertThat(receiver.received().get(1).text()).isEqualTo(receiver.received().get(0).text());

        clock.advance(Duration.ofHours(80));
        running.server().deliverDueNow();
        hooks.assertStillReceived(2); // a success ends the retries
        running.client().login(); // the clock moved past the token's hour
    }

    @Test
    void aWebhookThatKeepsFailingIsRetriedEightTimesOverSeventyTwoHours() throws Exception {
        receiver.answer(n -> 503);
        hooks.subscribe();
        hooks.raise();
        hooks.awaitReceived(1);

        Duration sinceFirst = Duration.ZERO;
        List<Duration> schedule = WebhookSettings.DWOLLA.retrySchedule();
        for (int retry = 0; retry < schedule.size(); retry++) {
            Duration mark = schedule.get(retry);
            clock.advance(mark.minus(sinceFirst).minusSeconds(1));
            running.server().deliverDueNow();
            hooks.assertStillReceived(retry + 1);
            clock.advance(Duration.ofSeconds(1));
            sinceFirst = mark;
            running.server().deliverDueNow();
            hooks.awaitReceived(retry + 2);
        }
        clock.advance(Duration.ofDays(10));
        running.server().deliverDueNow();
        hooks.assertStillReceived(9);
        running.client().login(); // the clock moved past the token's hour
    }

    @Test
    void tenDeliveriesAtOnceAndTheRestWaitForAFreeSlot() throws Exception {
        receiver.hold();
        hooks.subscribe();
        for (int n = 0; n < 12; n++) {
            hooks.raise();
        }

        await().atMost(WAIT).until(() -> receiver.waiting() == 10);
        hooks.assertStillReceived(10);
        assertThat(receiver.waiting()).isEqualTo(10);

        receiver.release();
        hooks.awaitReceived(12);
    }

    @Test
    void aRedirectIsAFailureAndIsNotFollowed() throws Exception {
        receiver.answer(n -> n == 0 ? 303 : 200); // See Other: a client that follows it would GET the Location
        String subscription = hooks.subscribe();
        hooks.raise();

        JsonNode webhook = hooks.webhookAfterAttempts(subscription, 1);
        hooks.assertStillReceived(1);
        assertThat(webhook.path("attempts").get(0).path("response").path("statusCode").asInt()).isEqualTo(303);

        clock.advance(Duration.ofMinutes(15));
        running.server().deliverDueNow();
        hooks.awaitReceived(2);
    }

    @Test
    void aDeletedSubscriptionGetsNothingMore() throws Exception {
        String subscription = hooks.subscribe();
        hooks.raise();
        hooks.awaitReceived(1);

        assertThat(running.delete("/webhook-subscriptions/" + subscription).status()).isEqualTo(200);
        hooks.raise();

        hooks.assertStillReceived(1);
    }

    @Test
    void faultDeliverTheNextTwice() throws Exception {
        hooks.subscribe();
        running.server().webhookFaults().deliverNextTwice();
        hooks.raise();

        hooks.awaitReceived(2);
        assertThat(receiver.received().get(1).text()).isEqualTo(receiver.received().get(0).text());
        assertThat(running.server().webhookFaults().pending()).isZero();
    }

    @Test
    void faultDeliverTheNextOutOfOrder() throws Exception {
        hooks.subscribe();
        running.server().webhookFaults().deliverNextOutOfOrder();
        SandboxEvent first = hooks.raise();
        hooks.assertStillReceived(0);
        SandboxEvent second = hooks.raise();

        hooks.awaitReceived(2);
        assertThat(receiver.received().get(0).text()).contains(second.id());
        assertThat(receiver.received().get(1).text()).contains(first.id());
    }

    @Test
    void faultDelayTheNext() throws Exception {
        hooks.subscribe();
        running.server().webhookFaults().delayNext(Duration.ofSeconds(2));
        SandboxEvent delayed = hooks.raise();
        SandboxEvent prompt = hooks.raise();

        hooks.awaitReceived(2);
        assertThat(receiver.received().get(0).text()).contains(prompt.id());
        assertThat(receiver.received().get(1).text()).contains(delayed.id());
    }

    @Test
    void faultSignTheNextWithAWrongSecret() throws Exception {
        hooks.subscribe();
        running.server().webhookFaults().signNextWithWrongSecret();
        hooks.raise();
        hooks.awaitReceived(1);
        hooks.raise();
        hooks.awaitReceived(2);

        WebhookReceiver.Received wrong = receiver.received().get(0);
        WebhookReceiver.Received right = receiver.received().get(1);
        assertThat(wrong.header("X-Request-Signature-SHA-256")).isNotEqualTo(WebhookScenario.hmacSha256Hex(SECRET, wrong.body()))
                .matches("[0-9a-f]{64}");
        assertThat(right.header("X-Request-Signature-SHA-256")).isEqualTo(WebhookScenario.hmacSha256Hex(SECRET, right.body()));
    }

    @Test
    void theServersSignerIsDwollasHmac() throws Exception {
        byte[] body = "{\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(WebhookSignature.sign(SECRET, body)).isEqualTo(WebhookScenario.hmacSha256Hex(SECRET, body));
        assertThat(WebhookSignature.sign("key", "The quick brown fox jumps over the lazy dog"
                .getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }

    @Test
    void aSubscriptionsWebhooksArePagedNewestFirstAndFilteredByDay() throws Exception {
        String subscription = hooks.subscribe();
        SandboxEvent first = hooks.raise();
        hooks.awaitReceived(1);
        clock.advance(Duration.ofDays(1));
        SandboxEvent second = hooks.raise();
        hooks.awaitReceived(2);
        SandboxEvent third = hooks.raise();
        hooks.awaitReceived(3);
        running.client().login();
        String path = "/webhook-subscriptions/" + subscription + "/webhooks";

        JsonNode page = running.get(path + "?limit=2").json();
        JsonNode rest = running.get(path + "?limit=2&offset=2").json();
        JsonNode firstDay = running.get(path + "?endDate=2026-03-02").json();
        JsonNode secondDay = running.get(path + "?startDate=2026-03-02&limit=1").json();
        TestClient.Answer badDay = running.get(path + "?startDate=yesterday");

        assertThat(page.path("total").asInt()).isEqualTo(3);
        assertThat(page.path("_embedded").path("webhooks").get(0).path("eventId").asText()).isEqualTo(third.id());
        assertThat(page.path("_embedded").path("webhooks").get(1).path("eventId").asText()).isEqualTo(second.id());
        assertThat(rest.path("_embedded").path("webhooks").get(0).path("eventId").asText()).isEqualTo(first.id());
        assertThat(page.path("_links").path("next").path("href").asText()).endsWith(path + "?limit=2&offset=2");
        assertThat(firstDay.path("total").asInt()).isEqualTo(1);
        assertThat(firstDay.path("_embedded").path("webhooks").get(0).path("eventId").asText()).isEqualTo(first.id());
        assertThat(secondDay.path("total").asInt()).isEqualTo(2);
        assertThat(secondDay.path("_links").path("next").path("href").asText())
                .endsWith(path + "?startDate=2026-03-02&limit=1&offset=1");
        assertThat(badDay.status()).isEqualTo(400);
        assertThat(badDay.code()).isEqualTo("ValidationError");
    }
}
