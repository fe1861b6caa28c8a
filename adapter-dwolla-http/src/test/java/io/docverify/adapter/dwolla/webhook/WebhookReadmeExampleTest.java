package io.docverify.adapter.dwolla.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** README's "Verifying Dwolla's webhooks" example, as written there, over a current and a previous secret. */
class WebhookReadmeExampleTest {
    private final List<String> outcomes = new ArrayList<>();

    @Test
    void theReadmeExampleAcceptsBothSecretsAndRefusesTheRest() {
        byte[] body = "{\"id\":\"e1\",\"topic\":\"customer_verification_document_approved\"}"
                .getBytes(StandardCharsets.UTF_8);
        String currentSecret = "new-secret";
        String previousSecretOrNull = "old-secret";

        receive(currentSecret, previousSecretOrNull, body, WebhookSignature.of("new-secret").sign(body));
        receive(currentSecret, previousSecretOrNull, body, WebhookSignature.of("old-secret").sign(body));
        receive(currentSecret, previousSecretOrNull, body, WebhookSignature.of("someone-else").sign(body));
        receive(currentSecret, previousSecretOrNull, body, null);
        receive(currentSecret, null, body, WebhookSignature.of("old-secret").sign(body));

        assertThat(outcomes).containsExactly("accepted", "accepted", "old secret", "401", "401", "401");
    }

    private void receive(String currentSecret, String previousSecretOrNull, byte[] rawBodyAsReceived, String sent) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (sent != null) {
            headers.put("x-request-signature-sha-256", sent);
        }
        // From the README:
        WebhookSignature signature = WebhookSignature.rotating(currentSecret, previousSecretOrNull);
        byte[] body = rawBodyAsReceived;                       // bound it first: events are a few KiB
        String header = headers.get(WebhookSignature.HEADER);  // null when absent
        switch (signature.verify(body, header)) {
            case CURRENT -> accept(body);
            case PREVIOUS -> { accept(body); stillSignedWithTheOldSecret(); }
            case NONE -> refuseWith401();                      // do nothing else
        }
    }

    private void accept(byte[] body) {
        outcomes.add("accepted");
    }

    private void stillSignedWithTheOldSecret() {
        outcomes.add("old secret");
    }

    private void refuseWith401() {
        outcomes.add("401");
    }
}
