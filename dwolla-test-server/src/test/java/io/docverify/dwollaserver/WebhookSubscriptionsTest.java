package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The webhook subscription routes in Dwolla's shapes, errors and limits. */
class WebhookSubscriptionsTest {
    @RegisterExtension
    final RunningServer running = new RunningServer();

    private static String body(String url, String secret) {
        return "{\"url\":\"" + url + "\",\"secret\":\"" + secret + "\"}";
    }

    private String create(String url) {
        TestClient.Answer created = running.post("/webhook-subscriptions", body(url, "sshhhhhh"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String location = created.header("Location");
        assertThat(location).startsWith(running.server().baseUrl() + "/webhook-subscriptions/");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static JsonNode firstError(TestClient.Answer answer) {
        return answer.json().path("_embedded").path("errors").get(0);
    }

    @Test
    void aCreatedSubscriptionIsReadBackWithoutItsSecret() {
        String id = create("http://127.0.0.1:9/hooks");

        TestClient.Answer read = running.get("/webhook-subscriptions/" + id);
        TestClient.Answer list = running.get("/webhook-subscriptions");

        assertThat(read.status()).isEqualTo(200);
        JsonNode subscription = read.json();
        assertThat(subscription.path("id").asText()).isEqualTo(id);
        assertThat(subscription.path("url").asText()).isEqualTo("http://127.0.0.1:9/hooks");
        assertThat(subscription.path("paused").asBoolean(true)).isFalse();
        assertThat(subscription.path("created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(subscription.path("_links").path("self").path("href").asText())
                .isEqualTo(running.server().baseUrl() + "/webhook-subscriptions/" + id);
        assertThat(subscription.path("_links").path("webhooks").path("href").asText())
                .endsWith("/webhook-subscriptions/" + id + "/webhooks");
        assertThat(read.body()).doesNotContain("sshhhhhh");
        assertThat(list.json().path("total").asInt()).isEqualTo(1);
        assertThat(list.json().path("_embedded").path("webhook-subscriptions").get(0)).isEqualTo(subscription);
        assertThat(list.body()).doesNotContain("sshhhhhh");
    }

    @Test
    void aSecretOfMoreThan128CharactersIsRefusedAs128Pass() {
        String url = "http://127.0.0.1:9/";
        TestClient.Answer tooLong = running.post("/webhook-subscriptions", body(url, "s".repeat(129)));
        TestClient.Answer longest = running.post("/webhook-subscriptions", body(url, "s".repeat(128)));

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.code()).isEqualTo("ValidationError");
        assertThat(firstError(tooLong).path("code").asText()).isEqualTo("InvalidFormat");
        assertThat(firstError(tooLong).path("path").asText()).isEqualTo("/secret");
        assertThat(firstError(tooLong).path("message").asText()).isEqualTo("Secret must be 128 or fewer characters.");
        assertThat(longest.status()).isEqualTo(201);
        assertThat(running.get("/webhook-subscriptions").json().path("total").asInt()).isEqualTo(1);
    }

    @Test
    void anInvalidUrlIsRefused() {
        for (String url : new String[] {"not a url", "ftp://127.0.0.1/x", "/relative", "http://"}) {
            TestClient.Answer answer = running.post("/webhook-subscriptions", body(url, "s"));

            assertThat(answer.status()).as(url).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("ValidationError");
            assertThat(firstError(answer).path("path").asText()).isEqualTo("/url");
            assertThat(firstError(answer).path("message").asText()).isEqualTo("Url must be a valid url.");
        }
        assertThat(running.get("/webhook-subscriptions").json().path("total").asInt()).isZero();
    }

    @Test
    void missingFieldsAndMalformedBodiesAreRefused() {
        TestClient.Answer noSecret = running.post("/webhook-subscriptions", "{\"url\":\"http://127.0.0.1:9/\"}");
        TestClient.Answer notJson = running.post("/webhook-subscriptions", "{\"url\":");

        assertThat(noSecret.status()).isEqualTo(400);
        assertThat(firstError(noSecret).path("code").asText()).isEqualTo("Required");
        assertThat(firstError(noSecret).path("path").asText()).isEqualTo("/secret");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.code()).isEqualTo("BadRequest");
        running.server().clearOpenApiViolations(); // both requests break the description on purpose
    }

    @Test
    void theEleventhSubscriptionIsMaxNumberOfResources() {
        for (int n = 0; n < WebhookStore.MAX_SUBSCRIPTIONS; n++) {
            create("http://127.0.0.1:9/hooks/" + n);
        }

        TestClient.Answer eleventh = running.post("/webhook-subscriptions", body("http://127.0.0.1:9/more", "s"));

        assertThat(eleventh.status()).isEqualTo(400);
        assertThat(eleventh.code()).isEqualTo("MaxNumberOfResources");
        assertThat(eleventh.json().path("message").asText())
                .isEqualTo("The maximum number of subscriptions has been reached.");
        assertThat(running.get("/webhook-subscriptions").json().path("total").asInt()).isEqualTo(10);
    }

    @Test
    void aSubscriptionIsPausedUnpausedAndDeleted() {
        String id = create("http://127.0.0.1:9/hooks");

        TestClient.Answer paused = running.post("/webhook-subscriptions/" + id, "{\"paused\":true}");
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().path("paused").asBoolean()).isTrue();
        assertThat(running.get("/webhook-subscriptions/" + id).json().path("paused").asBoolean()).isTrue();
        TestClient.Answer unpaused = running.post("/webhook-subscriptions/" + id, "{\"paused\":false}");
        assertThat(unpaused.json().path("paused").asBoolean(true)).isFalse();

        TestClient.Answer deleted = running.delete("/webhook-subscriptions/" + id);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().path("id").asText()).isEqualTo(id);
        assertThat(running.get("/webhook-subscriptions/" + id).status()).isEqualTo(404);
        assertThat(running.get("/webhook-subscriptions/" + id + "/webhooks").status()).isEqualTo(404);
        assertThat(running.delete("/webhook-subscriptions/" + id).status()).isEqualTo(404);
        assertThat(running.get("/webhook-subscriptions").json().path("total").asInt()).isZero();
    }

    @Test
    void anUpdateWithoutABooleanPausedIsABadRequest() {
        String id = create("http://127.0.0.1:9/hooks");

        TestClient.Answer answer = running.post("/webhook-subscriptions/" + id, "{\"paused\":\"yes\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("BadRequest");
        assertThat(running.get("/webhook-subscriptions/" + id).json().path("paused").asBoolean(true)).isFalse();
        running.server().clearOpenApiViolations(); // the request breaks the description on purpose
    }

    @Test
    void unknownSubscriptionsAndWebhooksAreNotFound() {
        String unknown = "5af4c10a-f6de-4ac8-840d-42cb65454216";
        for (TestClient.Answer answer : new TestClient.Answer[] {
                running.get("/webhook-subscriptions/" + unknown),
                running.post("/webhook-subscriptions/" + unknown, "{\"paused\":true}"),
                running.get("/webhook-subscriptions/" + unknown + "/webhooks"),
                running.get("/webhooks/" + unknown),
                running.get("/webhooks/" + unknown + "/retries"),
                running.post("/webhooks/" + unknown + "/retries", "")}) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
            assertThat(answer.code()).isEqualTo("NotFound");
        }
    }

    @Test
    void subscriptionsNeedABearerToken() {
        TestClient.Answer list = running.client().get("/webhook-subscriptions",
                Map.of("Accept", TestClient.HAL, "Authorization", "Bearer forged-token"));

        assertThat(list.status()).isEqualTo(401);
        assertThat(list.code()).isEqualTo("InvalidAccessToken");
    }

    @Test
    void aRefusedTokenChangesNothing() {
        String id = create("http://127.0.0.1:9/hooks");
        running.client().useToken("forged-token");

        TestClient.Answer delete = running.delete("/webhook-subscriptions/" + id);
        TestClient.Answer pause = running.post("/webhook-subscriptions/" + id, "{\"paused\":true}");
        TestClient.Answer create = running.post("/webhook-subscriptions", body("http://127.0.0.1:9/other", "s"));

        assertThat(delete.status()).isEqualTo(401);
        assertThat(pause.status()).isEqualTo(401);
        assertThat(create.status()).isEqualTo(401);
        running.client().login();
        JsonNode list = running.get("/webhook-subscriptions").json();
        assertThat(list.path("total").asInt()).isEqualTo(1);
        assertThat(list.path("_embedded").path("webhook-subscriptions").get(0).path("paused").asBoolean(true))
                .isFalse();
    }

    @Test
    void idsAreReadInAnyCase() {
        String id = create("http://127.0.0.1:9/hooks");

        assertThat(running.get("/webhook-subscriptions/" + id.toUpperCase(java.util.Locale.ROOT)).status())
                .isEqualTo(200);
    }
}
