package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.adapter.inmemory.InMemoryConfig;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /_sandbox/reset} forgets everything, not only the owners: the event log, the webhook subscriptions and
 * their pending deliveries (a failed webhook's retry is never sent), and the owners' profiles (so the cap's places
 * are free for new owners with their own fields).
 */
class ResetEverythingTest {
    private static final String PERSONAL = """
            {"firstName":"document","lastName":"%s","email":"jane@example.com","type":"personal",
             "address1":"99-99 33rd St","city":"Some City","state":"NY","postalCode":"11101",
             "dateOfBirth":"1970-01-01","ssn":"1234"}""";

    private final WebhookReceiver receiver = WebhookReceiver.start();

    @RegisterExtension
    final RunningServer running = new RunningServer(b -> b.backend(InMemoryConfig.DEFAULTS.withMaxOwners(2)));
    private final WebhookScenario hooks = new WebhookScenario(running, receiver);

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private String customer(String lastName) {
        TestClient.Answer created = running.post("/customers", PERSONAL.formatted(lastName));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String location = created.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Test
    void resetForgetsEventsSubscriptionsPendingDeliveriesAndProfiles() throws Exception {
        receiver.answer(n -> 500); // every attempt fails: a retry is scheduled 15 minutes later
        String subscription = hooks.subscribe();
        hooks.raise();
        hooks.awaitReceived(1);
        hooks.webhookAfterAttempts(subscription, 1);
        customer("Before");
        assertThat(running.get("/events").json().path("total").asInt()).isPositive();

        running.server().control().reset();

        assertThat(running.get("/events").json().path("total").asInt()).isZero();
        assertThat(running.server().events().size()).isZero();
        TestClient.Answer subscriptions = running.get("/webhook-subscriptions");
        assertThat(subscriptions.json().path("total").asInt()).isZero();
        assertThat(running.get("/webhook-subscriptions/" + subscription).status()).isEqualTo(404);
        // The retry that was due is never sent.
        running.server().control().advanceClock(Duration.ofMinutes(16));
        hooks.assertStillReceived(1);
        // The cap's two places are free again, and each new owner shows its own fields.
        String first = customer("After");
        String second = customer("After");
        assertThat(running.get("/customers/" + first).json().path("lastName").asText()).isEqualTo("After");
        assertThat(running.get("/customers/" + second).json().path("lastName").asText()).isEqualTo("After");
    }
}
