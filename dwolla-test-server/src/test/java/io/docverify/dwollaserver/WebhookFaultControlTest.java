package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The webhook faults of the control API ({@code /_sandbox/webhook-faults}), seen by a receiver on 127.0.0.1. */
class WebhookFaultControlTest {
    private static final String SECRET = WebhookScenario.SECRET;

    private final WebhookReceiver receiver = WebhookReceiver.start();

    @RegisterExtension
    final RunningServer running = new RunningServer();
    private final WebhookScenario hooks = new WebhookScenario(running, receiver);

    private ControlClient control;

    @AfterEach
    void stop() {
        if (control != null) {
            control.close();
        }
        receiver.close();
    }

    private ControlClient control() {
        if (control == null) {
            control = new ControlClient(running.server());
        }
        return control;
    }

    @Test
    void aQueuedWrongSecretSignsTheNextDeliveryWrongThenTheRightSecretIsBack() throws Exception {
        hooks.subscribe();

        ControlClient.Answer queued = control().post("/_sandbox/webhook-faults", "{\"kind\":\"wrongSecret\"}");
        assertThat(queued.status()).as(queued.body()).isEqualTo(200);
        assertThat(queued.json().path("pending").asInt()).isEqualTo(1);
        hooks.raise();
        hooks.awaitReceived(1);
        hooks.raise();
        hooks.awaitReceived(2);

        WebhookReceiver.Received wrong = receiver.received().get(0);
        WebhookReceiver.Received right = receiver.received().get(1);
        assertThat(wrong.header("X-Request-Signature-SHA-256")).matches("[0-9a-f]{64}")
                .isNotEqualTo(WebhookScenario.hmacSha256Hex(SECRET, wrong.body()));
        assertThat(right.header("X-Request-Signature-SHA-256"))
                .isEqualTo(WebhookScenario.hmacSha256Hex(SECRET, right.body()));
        assertThat(control().get("/_sandbox/webhook-faults").json().path("pending").asInt()).isZero();
    }

    private void queue(String body) {
        ControlClient.Answer queued = control().post("/_sandbox/webhook-faults", body);
        assertThat(queued.status()).as(body + " -> " + queued.body()).isEqualTo(200);
        assertThat(queued.json().path("pending").asInt()).isEqualTo(1);
    }

    @Test
    void aQueuedTwiceSendsTheSameSignedRequestTwice() throws Exception {
        hooks.subscribe();
        queue("{\"kind\":\"twice\"}");

        hooks.raise();

        hooks.awaitReceived(2);
        WebhookReceiver.Received first = receiver.received().get(0);
        WebhookReceiver.Received second = receiver.received().get(1);
        assertThat(second.text()).isEqualTo(first.text());
        assertThat(second.header("X-Request-Signature-SHA-256")).isEqualTo(first.header("X-Request-Signature-SHA-256"))
                .isEqualTo(WebhookScenario.hmacSha256Hex(SECRET, first.body()));
        assertThat(control().get("/_sandbox/webhook-faults").json().path("pending").asInt()).isZero();
    }

    @Test
    void aQueuedOutOfOrderHoldsTheNextDeliveryUntilTheOneAfterWasAnswered() throws Exception {
        hooks.subscribe();
        queue("{\"kind\":\"outOfOrder\"}");

        var first = hooks.raise();
        hooks.assertStillReceived(0);
        var second = hooks.raise();

        hooks.awaitReceived(2);
        assertThat(receiver.received().get(0).text()).contains(second.id());
        assertThat(receiver.received().get(1).text()).contains(first.id());
    }

    @Test
    void aQueuedDelaySendsTheNextDeliveryLate() throws Exception {
        hooks.subscribe();
        queue("{\"kind\":\"delay\",\"delay\":\"PT1.5S\"}");

        var delayed = hooks.raise();
        var prompt = hooks.raise();

        hooks.awaitReceived(2);
        assertThat(receiver.received().get(0).text()).contains(prompt.id());
        assertThat(receiver.received().get(1).text()).contains(delayed.id());
    }

    @Test
    void faultsAreCountedTimesOverAndDropped() {
        ControlClient.Answer queued = control().post("/_sandbox/webhook-faults",
                "{\"kind\":\"delay\",\"delay\":\"PT1S\",\"times\":3}");
        control().post("/_sandbox/webhook-faults", "{\"kind\":\"twice\"}");
        control().post("/_sandbox/webhook-faults", "{\"kind\":\"outOfOrder\"}");

        assertThat(queued.status()).as(queued.body()).isEqualTo(200);
        assertThat(queued.json().path("pending").asInt()).isEqualTo(3);
        assertThat(running.server().webhookFaults().pending()).isEqualTo(5);
        assertThat(control().delete("/_sandbox/webhook-faults").status()).isEqualTo(204);
        assertThat(running.server().webhookFaults().pending()).isZero();
    }

    @Test
    void badWebhookFaultsAreRefusedAndQueueNothing() {
        for (String body : new String[] {
                "{\"kind\":\"gremlins\"}",
                "{}",
                "{\"kind\":\"delay\"}",
                "{\"kind\":\"delay\",\"delay\":\"-PT1S\"}",
                "{\"kind\":\"twice\",\"times\":0}",
                "{\"kind\":\"twice\",\"times\":10001}",
                "not json",
                "[]"}) {
            ControlClient.Answer answer = control().post("/_sandbox/webhook-faults", body);
            assertThat(answer.status()).as(body + " -> " + answer.body()).isEqualTo(400);
            assertThat(answer.contentType()).isEqualTo("application/json");
            assertThat(answer.code()).isEqualTo("ValidationError");
            assertThat(answer.json().path("path").asText()).as(body + " -> " + answer.body()).startsWith("/");
            assertThat(answer.json().path("message").asText()).as(body + " -> " + answer.body())
                    .doesNotContain("embedded errors");
        }
        assertThat(control().post("/_sandbox/webhook-faults", "text/plain", "wrongSecret").status()).isEqualTo(415);
        assertThat(running.server().webhookFaults().pending()).isZero();
    }
}
