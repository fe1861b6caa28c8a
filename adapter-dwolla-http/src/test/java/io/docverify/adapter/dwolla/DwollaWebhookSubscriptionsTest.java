package io.docverify.adapter.dwolla;

import static io.docverify.adapter.dwolla.FaultMatrixTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.docverify.adapter.dwolla.DwollaWebhookSubscriptions.Subscription;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DwollaWebhookSubscriptions#ensureSubscribed(URI, String)} against a scripted Dwolla on 127.0.0.1 (started
 * by the test) that keeps its subscriptions as Dwolla lists them.
 */
class DwollaWebhookSubscriptionsTest {
    private static final URI URL = URI.create("https://receiver.example/dwolla/webhooks");
    private static final String SECRET = "sshhhhhh-very-secret";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** The scripted Dwolla's subscriptions: id, url, paused. */
    private final List<String[]> stored = new CopyOnWriteArrayList<>();
    private final List<JsonNode> posted = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private ScriptedDwolla dwolla;
    private DwollaDocumentProvider provider;

    @BeforeEach
    void start() throws Exception {
        dwolla = new ScriptedDwolla();
        provider = DwollaDocumentProvider.create(Harness.fast(dwolla.baseUrl()).maxAttempts(3).build(), registry);
        dwolla.on("GET /webhook-subscriptions", (request, body, call) -> list(request));
        dwolla.on("POST /webhook-subscriptions", (request, body, call) -> {
            record(request, body.getBytes());
            stored.add(new String[] {"sub-" + (stored.size() + 1), posted.get(posted.size() - 1).get("url").asText(),
                    "false"});
            request.response().setStatusCode(201).putHeader("Location",
                    "https://api-sandbox.dwolla.com/webhook-subscriptions/sub-" + stored.size()).end();
        });
    }

    @AfterEach
    void stop() throws Exception {
        provider.close();
        dwolla.close();
    }

    private void record(HttpServerRequest request, byte[] body) {
        contentTypes.add(request.getHeader("Content-Type"));
        try {
            posted.add(HalJson.MAPPER.readTree(body));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void list(HttpServerRequest request) {
        StringBuilder items = new StringBuilder();
        for (String[] s : stored) {
            items.append(items.isEmpty() ? "" : ",").append("{\"_links\":{\"self\":{\"href\":\"https://api-sandbox.dwolla"
                    + ".com/webhook-subscriptions/").append(s[0]).append("\"}},\"id\":\"").append(s[0])
                    .append("\",\"url\":\"").append(s[1]).append("\",\"paused\":").append(s[2])
                    .append(",\"created\":\"2026-12-01T10:00:00.000Z\"}");
        }
        ScriptedDwolla.json(request, 200, "{\"_links\":{},\"_embedded\":{\"webhook-subscriptions\":[" + items
                + "]},\"total\":" + stored.size() + "}");
    }

    private Subscription ensure() {
        return provider.webhookSubscriptions().ensureSubscribed(URL, SECRET).toCompletableFuture().join();
    }

    @Test
    void createsASubscriptionWhenNoneHasTheUrl() {
        stored.add(new String[] {"other", "https://elsewhere.example/hooks", "false"});

        Subscription subscription = ensure();

        assertThat(subscription).isEqualTo(new Subscription("sub-2",
                URI.create("https://api-sandbox.dwolla.com/webhook-subscriptions/sub-2"), URL, false));
        assertThat(posted).hasSize(1);
        assertThat(posted.get(0).get("url").asText()).isEqualTo(URL.toString());
        assertThat(posted.get(0).get("secret").asText()).isEqualTo(SECRET);
        assertThat(contentTypes).containsExactly("application/json");
        assertThat(registry.get(DwollaMetrics.CALLS).tags("operation", "subscribe", "outcome", "success").timer()
                .count()).isEqualTo(1);
    }

    @Test
    void keepsAnActiveSubscriptionToTheUrl() {
        stored.add(new String[] {"sub-7", URL.toString(), "false"});

        Subscription subscription = ensure();

        assertThat(subscription.id()).isEqualTo("sub-7");
        assertThat(subscription.paused()).isFalse();
        assertThat(dwolla.calls("POST /webhook-subscriptions")).isZero();
        assertThat(ensure()).isEqualTo(subscription);
        assertThat(dwolla.calls("POST /webhook-subscriptions")).isZero();
    }

    @Test
    void unpausesAPausedSubscriptionToTheUrl() {
        stored.add(new String[] {"sub-9", URL.toString(), "true"});
        dwolla.on("POST /webhook-subscriptions/sub-9", (request, body, call) -> {
            record(request, body.getBytes());
            stored.set(0, new String[] {"sub-9", URL.toString(), "false"});
            list(request); // any 200 answer
        });

        Subscription subscription = ensure();

        assertThat(subscription.id()).isEqualTo("sub-9");
        assertThat(subscription.paused()).isFalse();
        assertThat(posted).hasSize(1);
        assertThat(posted.get(0).toString()).isEqualTo("{\"paused\":false}");
        assertThat(dwolla.calls("POST /webhook-subscriptions")).isZero();
    }

    @Test
    void aLostCreationIsFoundByTheRetryNotCreatedTwice() {
        dwolla.on("POST /webhook-subscriptions", (request, body, call) -> {
            record(request, body.getBytes());
            stored.add(new String[] {"sub-1", URL.toString(), "false"});
            ScriptedDwolla.lose(request); // created, but the answer never arrives
        });

        Subscription subscription = ensure();

        assertThat(subscription.id()).isEqualTo("sub-1");
        assertThat(dwolla.calls("POST /webhook-subscriptions")).isEqualTo(1);
        assertThat(dwolla.calls("GET /webhook-subscriptions")).isEqualTo(2);
    }

    @Test
    void refusesABadUrlOrSecretBeforeSendingWithoutShowingTheSecret() {
        var subscriptions = provider.webhookSubscriptions();
        String tooLong = "p4ssw0rd".repeat(17);

        assertThatThrownBy(() -> subscriptions.ensureSubscribed(URL, tooLong))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("136")
                .hasMessageNotContaining("p4ssw0rd");
        assertThatThrownBy(() -> subscriptions.ensureSubscribed(URL, ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> subscriptions.ensureSubscribed(URI.create("/relative"), SECRET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
        assertThatThrownBy(() -> subscriptions.ensureSubscribed(URI.create("ftp://receiver.example/x"), SECRET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http");
        assertThat(dwolla.calls("GET /webhook-subscriptions")).isZero();
    }

    @Test
    void dwollasRefusalIsTheCallersTypedError() {
        dwolla.on("POST /webhook-subscriptions", (request, body, call) -> ScriptedDwolla.json(request, 400,
                "{\"code\":\"MaxNumberOfResources\",\"message\":\"The maximum number of subscriptions has been"
                        + " reached.\"}"));

        DocumentException refusal = refusal(provider.webhookSubscriptions().ensureSubscribed(URL, SECRET));

        // Dwolla's code for this refusal is not one of the document codes: UNKNOWN, with Dwolla's code kept.
        assertThat(refusal.code()).isEqualTo(ErrorCode.UNKNOWN);
        assertThat(refusal.error().wireCode()).isEqualTo("MaxNumberOfResources");
        assertThat(refusal.getMessage()).doesNotContain(SECRET);
        assertThat(dwolla.calls("POST /webhook-subscriptions")).isEqualTo(1);
    }

    @Test
    void aMalformedListIsAProtocolError() {
        dwolla.on("GET /webhook-subscriptions", (request, body, call) -> ScriptedDwolla.json(request, 200,
                "{\"_embedded\":{\"webhook-subscriptions\":[{\"id\":\"s\",\"url\":\"" + URL + "\"}]}}"));

        assertThat(refusal(provider.webhookSubscriptions().ensureSubscribed(URL, SECRET)).code())
                .isEqualTo(ErrorCode.PROTOCOL_ERROR);
        assertThat(dwolla.calls("POST /webhook-subscriptions")).isZero();
    }
}
