package io.docverify.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.adapter.dwolla.DwollaEventJson;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Smoke tests of the webhook figure's harness: the events it sends and the bare endpoint it compares with. */
class WebhookHarnessTest {
    private static final String SECRET = "a-test-secret";

    @Test
    void theEventIsAWellFormedDwollaEventOfAboutNineHundredBytes() {
        byte[] body = WebhookLoad.event("3f1e2d4c-5b6a-4978-8a9b-0c1d2e3f4a5b", WebhookLoad.TOPIC, "9b0e3c4a-1f2d-4c5b-8a6e-7d8c9b0a1f2e",
                "c0ffee00-1f2d-4c5b-8a6e-7d8c9b0a1f2e", "http://127.0.0.1:41234");
        assertThat(body.length).isBetween(850, 950);
        var event = DwollaEventJson.parse(body);
        assertThat(event.id()).isEqualTo("3f1e2d4c-5b6a-4978-8a9b-0c1d2e3f4a5b");
        assertThat(event.topic()).isEqualTo(WebhookLoad.TOPIC);
        assertThat(event.resourceId()).isEqualTo("9b0e3c4a-1f2d-4c5b-8a6e-7d8c9b0a1f2e");
    }

    @Test
    void theBareEndpointAcceptsOnlyTheSecretsSignature() throws Exception {
        byte[] body = WebhookLoad.event("e-2", WebhookLoad.TOPIC, "d", "c", "http://127.0.0.1:1");
        try (var bare = BareWebhookServer.start(SECRET);
                var signed = new WebhookLoad(bare.port(), "/", 2, SECRET);
                var wrong = new WebhookLoad(bare.port(), "/", 2, "another-secret")) {
            assertThat(signed.post(body).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .isEqualTo(200);
            assertThat(wrong.post(body).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .isEqualTo(401);
            var slice = signed.run(200, n -> body);
            assertThat(slice.ok()).isPositive();
            assertThat(slice.errors()).isZero();
        }
    }
}
