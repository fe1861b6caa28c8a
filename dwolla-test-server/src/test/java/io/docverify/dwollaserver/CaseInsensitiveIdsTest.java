package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.docverify.ports.contract.TestFiles;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every id in a path is a UUID compared in any case, as in Dwolla's API (its own samples write
 * {@code 1de32eC7-...}): customers, beneficial owners, documents, events, webhook subscriptions and webhooks, each
 * route that takes one, read in upper case and in Dwolla's mixed case; the answers carry the canonical (lower-case)
 * id. An id that differs in one digit is still unknown. Every request and answer follows Dwolla's OpenAPI.
 */
class CaseInsensitiveIdsTest {
    private static final String PERSONAL = DwollaBodies.personal("document");
    private static final String BUSINESS = DwollaBodies.business("document");
    private static final String OWNER = DwollaBodies.owner("document");

    private final WebhookReceiver receiver = WebhookReceiver.start();

    @RegisterExtension
    final RunningServer running = new RunningServer();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private static String upper(String id) {
        return id.toUpperCase(Locale.ROOT);
    }

    /** Dwolla's mixed case ({@code 1de32eC7-...}): every other letter upper-case. */
    private static String mixed(String id) {
        var out = new StringBuilder(id.length());
        boolean up = true;
        for (char c : id.toCharArray()) {
            if (Character.isLetter(c)) {
                out.append(up ? Character.toUpperCase(c) : c);
                up = !up;
            } else {
                out.append(c);
            }
        }
        assertThat(out.toString()).as("a mixed-case id differs from the id").isNotEqualTo(id);
        return out.toString();
    }

    private static String created(TestClient.Answer answer, String collection) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        String location = answer.header("Location");
        assertThat(location).contains("/" + collection + "/");
        String id = location.substring(location.lastIndexOf('/') + 1);
        assertThat(id).as("the server's ids are lower-case UUIDs").matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-"
                + "[0-9a-f]{4}-[0-9a-f]{12}");
        return id;
    }

    private static String otherDigit(String id) {
        char last = id.charAt(id.length() - 1);
        return id.substring(0, id.length() - 1) + (last == '0' ? '1' : '0');
    }

    @Test
    void customersBeneficialOwnersAndDocumentsResolveInAnyCase() {
        String business = created(running.post("/customers", BUSINESS), "customers");
        String personal = created(running.post("/customers", PERSONAL), "customers");

        TestClient.Answer customer = running.get("/customers/" + upper(business));
        assertThat(customer.status()).as(customer.toString()).isEqualTo(200);
        assertThat(customer.json().path("id").asText()).isEqualTo(business);
        assertThat(running.get("/customers/" + mixed(personal)).json().path("id").asText()).isEqualTo(personal);

        String owner = created(running.post("/customers/" + upper(business) + "/beneficial-owners", OWNER),
                "beneficial-owners");
        TestClient.Answer readOwner = running.get("/beneficial-owners/" + upper(owner));
        assertThat(readOwner.status()).as(readOwner.toString()).isEqualTo(200);
        assertThat(readOwner.json().path("id").asText()).isEqualTo(owner);

        String ownerDocument = created(running.client().upload("/beneficial-owners/" + mixed(owner) + "/documents",
                "license", "l.png", TestFiles.png()), "documents");
        TestClient.Answer ownerList = running.get("/beneficial-owners/" + upper(owner) + "/documents");
        assertThat(ownerList.status()).isEqualTo(200);
        assertThat(ownerList.json().path("total").asInt()).isEqualTo(1);

        String document = created(running.client().upload("/customers/" + upper(personal) + "/documents",
                "passport", "p.png", TestFiles.png(2048)), "documents");
        TestClient.Answer list = running.get("/customers/" + mixed(personal) + "/documents");
        assertThat(list.json().path("total").asInt()).isEqualTo(1);
        assertThat(list.json().path("_embedded").path("documents").get(0).path("id").asText()).isEqualTo(document);
        for (String id : new String[] {upper(document), mixed(document)}) {
            TestClient.Answer read = running.get("/documents/" + id);
            assertThat(read.status()).as(id).isEqualTo(200);
            assertThat(read.json().path("id").asText()).isEqualTo(document);
            assertThat(read.json().path("_links").path("self").path("href").asText())
                    .endsWith("/documents/" + document);
        }
        assertThat(running.get("/documents/" + upper(ownerDocument)).status()).isEqualTo(200);

        assertThat(running.get("/documents/" + upper(otherDigit(document))).status()).isEqualTo(404);
        assertThat(running.get("/customers/" + upper(otherDigit(personal))).status()).isEqualTo(404);
        assertThat(running.get("/beneficial-owners/" + upper(otherDigit(owner))).status()).isEqualTo(404);
    }

    @Test
    void eventsSubscriptionsAndWebhooksResolveInAnyCase() {
        String subscription = created(running.post("/webhook-subscriptions",
                "{\"url\":\"" + receiver.url() + "\",\"secret\":\"a webhook secret\"}"), "webhook-subscriptions");
        String customer = created(running.post("/customers", PERSONAL), "customers");
        created(running.client().upload("/customers/" + customer + "/documents", "passport", "p.png",
                TestFiles.png()), "documents");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() >= 1);

        JsonNode events = running.get("/events").json().path("_embedded").path("events");
        assertThat(events).isNotEmpty();
        String event = events.get(0).path("id").asText();
        for (String id : new String[] {upper(event), mixed(event)}) {
            TestClient.Answer read = running.get("/events/" + id);
            assertThat(read.status()).as(id + " " + read).isEqualTo(200);
            assertThat(read.json().path("id").asText()).isEqualTo(event);
        }
        assertThat(running.get("/events/" + upper(otherDigit(event))).status()).isEqualTo(404);

        TestClient.Answer readSubscription = running.get("/webhook-subscriptions/" + upper(subscription));
        assertThat(readSubscription.status()).isEqualTo(200);
        assertThat(readSubscription.json().path("id").asText()).isEqualTo(subscription);
        TestClient.Answer paused = running.post("/webhook-subscriptions/" + mixed(subscription), "{\"paused\":false}");
        assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> running.get("/webhook-subscriptions/"
                + upper(subscription) + "/webhooks").json().path("total").asInt() >= 1);
        String webhook = running.get("/webhook-subscriptions/" + upper(subscription) + "/webhooks").json()
                .path("_embedded").path("webhooks").get(0).path("id").asText();

        TestClient.Answer readWebhook = running.get("/webhooks/" + upper(webhook));
        assertThat(readWebhook.status()).as(readWebhook.toString()).isEqualTo(200);
        assertThat(readWebhook.json().path("id").asText()).isEqualTo(webhook);
        assertThat(running.get("/webhooks/" + mixed(webhook) + "/retries").status()).isEqualTo(200);
        TestClient.Answer retried = running.post("/webhooks/" + upper(webhook) + "/retries", "{}");
        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(running.get("/webhooks/" + upper(otherDigit(webhook))).status()).isEqualTo(404);

        TestClient.Answer deleted = running.delete("/webhook-subscriptions/" + upper(subscription));
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(running.get("/webhook-subscriptions/" + subscription).status()).isEqualTo(404);
    }
}
