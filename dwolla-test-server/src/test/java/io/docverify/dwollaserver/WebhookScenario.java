package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.docverify.adapter.inmemory.SandboxEvent;
import io.docverify.domain.CustomerId;
import io.docverify.domain.owner.CustomerStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the webhook delivery tests share: a subscription of the test's receiver, events raised by moving one
 * customer's status, and the deliveries read back through the server's API.
 */
final class WebhookScenario {
    static final String SECRET = "a webhook secret";
    static final Duration WAIT = Duration.ofSeconds(10);

    private final RunningServer running;
    private final WebhookReceiver receiver;
    private String customer;

    WebhookScenario(RunningServer running, WebhookReceiver receiver) {
        this.running = running;
        this.receiver = receiver;
    }

    /** Dwolla's signature, computed here independently of the server's signer. */
    static String hmacSha256Hex(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    String subscribe() {
        TestClient.Answer created = running.post("/webhook-subscriptions",
                "{\"url\":\"" + receiver.url() + "\",\"secret\":\"" + SECRET + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String location = created.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** Raises one event (a status change of a customer) and returns it. */
    SandboxEvent raise() {
        if (customer == null) {
            customer = Seeds.customerAwaitingDocuments(running.server());
        }
        var id = new CustomerId(customer);
        CustomerStatus now = (CustomerStatus) Seeds.join(running.server().sandbox().owner(id)).status();
        Seeds.join(running.server().sandbox().moveOwner(id,
                now == CustomerStatus.DOCUMENT ? CustomerStatus.RETRY : CustomerStatus.DOCUMENT));
        return running.server().events().newest(0, 1).events().get(0);
    }

    void awaitReceived(int count) {
        await().atMost(WAIT).until(() -> receiver.received().size() >= count);
        assertThat(receiver.received()).hasSize(count);
    }

    /** Waits a moment and checks that nothing more arrived. */
    void assertStillReceived(int count) throws InterruptedException {
        Thread.sleep(300);
        assertThat(receiver.received()).hasSize(count);
    }

    JsonNode onlyWebhook(String subscription) {
        JsonNode list = running.get("/webhook-subscriptions/" + subscription + "/webhooks").json();
        assertThat(list.path("total").asInt()).isEqualTo(1);
        return list.path("_embedded").path("webhooks").get(0);
    }

    JsonNode webhookAfterAttempts(String subscription, int attempts) {
        await().atMost(WAIT).until(() -> onlyWebhook(subscription).path("attempts").size() >= attempts);
        return onlyWebhook(subscription);
    }
}
