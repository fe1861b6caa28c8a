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

/** Dwolla's automatic pause (here after 3 failures and no time without success), and retries asked for. */
class WebhookPauseTest {
    private static final String SECRET = WebhookScenario.SECRET;
    private static final Duration WAIT = WebhookScenario.WAIT;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final WebhookReceiver receiver = WebhookReceiver.start();

    @RegisterExtension
    final RunningServer running = new RunningServer(config -> config.clock(clock)
            .webhooks(WebhookSettings.DWOLLA.withPause(3, Duration.ZERO)));
    private final WebhookScenario hooks = new WebhookScenario(running, receiver);

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }


    @Test
    void aSubscriptionIsPausedAfterItsFailuresAndARetryAskedForStillDelivers() throws Exception {
        receiver.answer(n -> n < 3 ? 500 : 200);
        String subscription = hooks.subscribe();
        hooks.raise();
        hooks.raise();
        hooks.raise();
        hooks.awaitReceived(3);
        await().atMost(WAIT).until(() -> running.get("/webhook-subscriptions/" + subscription).json()
                .path("paused").asBoolean());

        hooks.raise();
        hooks.assertStillReceived(3);
        JsonNode list = running.get("/webhook-subscriptions/" + subscription + "/webhooks").json();
        assertThat(list.path("total").asInt()).isEqualTo(4);
        JsonNode unsent = list.path("_embedded").path("webhooks").get(0);
        assertThat(unsent.path("attempts").size()).isZero();
        clock.advance(Duration.ofMinutes(15));
        running.server().deliverDueNow();
        hooks.assertStillReceived(3); // paused: no scheduled retries either

        TestClient.Answer retry = running.post("/webhooks/" + unsent.path("id").asText() + "/retries", "");

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Location"))
                .startsWith(running.server().baseUrl() + "/webhooks/" + unsent.path("id").asText() + "/retries/");
        hooks.awaitReceived(4);
        JsonNode retries = running.get("/webhooks/" + unsent.path("id").asText() + "/retries").json();
        assertThat(retries.path("total").asInt()).isEqualTo(1);
    }
}
