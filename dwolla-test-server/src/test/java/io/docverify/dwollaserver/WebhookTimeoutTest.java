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

/** A receiver that does not answer within the timeout (here 300 ms) fails the attempt. */
class WebhookTimeoutTest {
    private static final String SECRET = WebhookScenario.SECRET;
    private static final Duration WAIT = WebhookScenario.WAIT;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final WebhookReceiver receiver = WebhookReceiver.start();

    @RegisterExtension
    final RunningServer running = new RunningServer(config -> config.clock(clock)
            .webhooks(WebhookSettings.DWOLLA.withTimeout(Duration.ofMillis(300))));
    private final WebhookScenario hooks = new WebhookScenario(running, receiver);

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }


    @Test
    void noAnswerWithinTheTimeoutIsAFailureWithoutAResponse() throws Exception {
        receiver.answerAfter(3_000);
        String subscription = hooks.subscribe();
        hooks.raise();

        JsonNode webhook = hooks.webhookAfterAttempts(subscription, 1);
        clock.advance(Duration.ofMinutes(15));
        running.server().deliverDueNow();
        hooks.awaitReceived(2); // a failure, so retried

        assertThat(webhook.path("attempts").get(0).has("response")).isFalse();
        assertThat(webhook.path("attempts").get(0).path("request").path("url").asText()).isEqualTo(receiver.url());
    }
}
