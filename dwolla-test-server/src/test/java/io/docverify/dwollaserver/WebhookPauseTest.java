package io.docverify.dwollaserver;

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
    private static final String SECRET = "a webhook secret";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final WebhookReceiver receiver = WebhookReceiver.start();
    private String customer;

    @RegisterExtension
    final RunningServer running = new RunningServer(config -> config.clock(clock)
            .webhooks(WebhookSettings.DWOLLA.withPause(3, Duration.ZERO)));

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    /** Dwolla's signature, computed here independently of the server's signer. */
    static String hmacSha256Hex(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private String subscribe() {
        TestClient.Answer created = running.post("/webhook-subscriptions",
                "{\"url\":\"" + receiver.url() + "\",\"secret\":\"" + SECRET + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String location = created.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** Raises one event (a status change of a customer) and returns it. */
    private SandboxEvent raise() {
        if (customer == null) {
            customer = Seeds.customerAwaitingDocuments(running.server());
        }
        var id = new CustomerId(customer);
        CustomerStatus now = (CustomerStatus) Seeds.join(running.server().sandbox().owner(id)).status();
        Seeds.join(running.server().sandbox().moveOwner(id,
                now == CustomerStatus.DOCUMENT ? CustomerStatus.RETRY : CustomerStatus.DOCUMENT));
        return running.server().events().newest(0, 1).events().get(0);
    }

    private void awaitReceived(int count) {
        await().atMost(WAIT).until(() -> receiver.received().size() >= count);
        assertThat(receiver.received()).hasSize(count);
    }

    /** Waits a moment and checks that nothing more arrived. */
    private void assertStillReceived(int count) throws InterruptedException {
        Thread.sleep(300);
        assertThat(receiver.received()).hasSize(count);
    }

    private JsonNode onlyWebhook(String subscription) {
        JsonNode list = running.get("/webhook-subscriptions/" + subscription + "/webhooks").json();
        assertThat(list.path("total").asInt()).isEqualTo(1);
        return list.path("_embedded").path("webhooks").get(0);
    }

    private JsonNode webhookAfterAttempts(String subscription, int attempts) {
        await().atMost(WAIT).until(() -> onlyWebhook(subscription).path("attempts").size() >= attempts);
        return onlyWebhook(subscription);
    }

    @Test
    void aSubscriptionIsPausedAfterItsFailuresAndARetryAskedForStillDelivers() throws Exception {
        receiver.answer(n -> n < 3 ? 500 : 200);
        String subscription = subscribe();
        raise();
        raise();
        raise();
        awaitReceived(3);
        await().atMost(WAIT).until(() -> running.get("/webhook-subscriptions/" + subscription).json()
                .path("paused").asBoolean());

        raise();
        assertStillReceived(3);
        JsonNode list = running.get("/webhook-subscriptions/" + subscription + "/webhooks").json();
        assertThat(list.path("total").asInt()).isEqualTo(4);
        JsonNode unsent = list.path("_embedded").path("webhooks").get(0);
        assertThat(unsent.path("attempts").size()).isZero();
        clock.advance(Duration.ofMinutes(15));
        running.server().deliverDueNow();
        assertStillReceived(3); // paused: no scheduled retries either

        TestClient.Answer retry = running.post("/webhooks/" + unsent.path("id").asText() + "/retries", "");

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Location"))
                .startsWith(running.server().baseUrl() + "/webhooks/" + unsent.path("id").asText() + "/retries/");
        awaitReceived(4);
        JsonNode retries = running.get("/webhooks/" + unsent.path("id").asText() + "/retries").json();
        assertThat(retries.path("total").asInt()).isEqualTo(1);
    }
}
