package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docverify.adapter.inmemory.SandboxEvent;
import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.ports.contract.TestFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /events} and {@code GET /events/{id}}: the backend's events in Dwolla's shapes and paging. */
class EventRoutesTest {
    @RegisterExtension
    final RunningServer running = new RunningServer();

    private String upload(String customer) {
        TestClient.Answer created = running.client().upload("/customers/" + customer + "/documents", "passport",
                "id.png", TestFiles.png());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String location = created.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private List<String> topics(JsonNode list) {
        List<String> topics = new ArrayList<>();
        list.path("_embedded").path("events").forEach(e -> topics.add(e.path("topic").asText()));
        return topics;
    }

    @Test
    void anUploadAndItsReviewAreEventsNewestFirstInDwollasShape() {
        DwollaTestServer server = running.server();
        String customer = Seeds.customerAwaitingDocuments(server);
        String document = upload(customer);
        Seeds.review(server, document, ReviewDecision.accept());

        TestClient.Answer list = running.get("/events");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.header("Content-Type")).isEqualTo(TestClient.HAL);
        JsonNode body = list.json();
        assertThat(body.path("total").asInt()).isEqualTo(3);
        assertThat(topics(body)).containsExactly("customer_verified", "customer_verification_document_approved",
                "customer_verification_document_uploaded");
        JsonNode verified = body.path("_embedded").path("events").get(0);
        assertThat(verified.path("resourceId").asText()).isEqualTo(customer);
        assertThat(verified.path("_links").path("resource").path("href").asText())
                .isEqualTo(server.baseUrl() + "/customers/" + customer);
        JsonNode uploaded = body.path("_embedded").path("events").get(2);
        String id = uploaded.path("id").asText();
        assertThat(uploaded.path("resourceId").asText()).isEqualTo(document);
        assertThat(uploaded.path("_links").path("resource").path("href").asText())
                .isEqualTo(server.baseUrl() + "/documents/" + document);
        assertThat(uploaded.path("_links").path("customer").path("href").asText())
                .isEqualTo(server.baseUrl() + "/customers/" + customer);
        assertThat(uploaded.path("_links").path("account").path("href").asText())
                .isEqualTo(server.baseUrl() + "/accounts/" + server.accountId());
        assertThat(uploaded.path("_links").path("self").path("href").asText())
                .isEqualTo(server.baseUrl() + "/events/" + id);
        assertThat(uploaded.path("created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        TestClient.Answer one = running.get("/events/" + id);

        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json()).isEqualTo(uploaded);
    }

    @Test
    void aBeneficialOwnersStatusEventPointsAtTheBeneficialOwnerAndNamesNoCustomer() {
        DwollaTestServer server = running.server();
        String owner = Seeds.beneficialOwner(server, BeneficialOwnerStatus.DOCUMENT);
        Seeds.join(server.sandbox().moveOwner(new BeneficialOwnerId(owner), BeneficialOwnerStatus.VERIFIED));

        JsonNode event = running.get("/events").json().path("_embedded").path("events").get(0);

        assertThat(event.path("topic").asText()).isEqualTo("customer_beneficial_owner_verified");
        assertThat(event.path("_links").path("resource").path("href").asText())
                .isEqualTo(server.baseUrl() + "/beneficial-owners/" + owner);
        assertThat(event.path("_links").has("customer")).isFalse();
    }

    @Test
    void pagesCarryDwollasLinksAndTheTotal() {
        DwollaTestServer server = running.server();
        String customer = Seeds.customerAwaitingDocuments(server);
        for (int n = 0; n < 5; n++) {
            Seeds.join(server.sandbox().moveOwner(new CustomerId(customer),
                    n % 2 == 0 ? CustomerStatus.RETRY : CustomerStatus.DOCUMENT));
        }
        List<String> newestFirst = server.events().newest(0, 5).events().stream().map(SandboxEvent::id).toList();

        JsonNode middle = running.get("/events?limit=2&offset=2").json();
        JsonNode first = running.get("/events?limit=2").json();
        JsonNode last = running.get("/events?limit=2&offset=4").json();

        assertThat(middle.path("total").asInt()).isEqualTo(5);
        assertThat(ids(middle)).containsExactlyElementsOf(newestFirst.subList(2, 4));
        assertThat(ids(first)).containsExactlyElementsOf(newestFirst.subList(0, 2));
        assertThat(ids(last)).containsExactly(newestFirst.get(4));
        String base = server.baseUrl() + "/events?limit=2&offset=";
        JsonNode links = middle.path("_links");
        assertThat(links.path("self").path("href").asText()).isEqualTo(server.baseUrl() + "/events?limit=2&offset=2");
        assertThat(links.path("first").path("href").asText()).isEqualTo(base + 0);
        assertThat(links.path("prev").path("href").asText()).isEqualTo(base + 0);
        assertThat(links.path("next").path("href").asText()).isEqualTo(base + 4);
        assertThat(links.path("last").path("href").asText()).isEqualTo(base + 4);
        assertThat(first.path("_links").has("prev")).isFalse();
        assertThat(last.path("_links").has("next")).isFalse();
    }

    @Test
    void theDefaultPageIs25AndTheLargest200() {
        DwollaTestServer server = running.server();
        String customer = Seeds.customerAwaitingDocuments(server);
        for (int n = 0; n < 210; n++) {
            Seeds.join(server.sandbox().moveOwner(new CustomerId(customer),
                    n % 2 == 0 ? CustomerStatus.RETRY : CustomerStatus.DOCUMENT));
        }

        assertThat(running.get("/events").json().path("_embedded").path("events").size()).isEqualTo(25);
        JsonNode largest = running.get("/events?limit=500").json();
        assertThat(largest.path("_embedded").path("events").size()).isEqualTo(200);
        assertThat(largest.path("total").asInt()).isEqualTo(210);
        assertThat(largest.path("_links").path("next").path("href").asText()).endsWith("?limit=200&offset=200");
    }

    @Test
    void anUnknownEventIsDwollasNotFound() {
        TestClient.Answer answer = running.get("/events/9f0167e0-dce6-4a1a-ad26-30015d6f1cc1");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.code()).isEqualTo("NotFound");
        assertThat(answer.json().path("message").asText()).isEqualTo("The requested resource was not found.");
    }

    @Test
    void eventsNeedABearerTokenAndTheHalAcceptHeader() {
        TestClient.Answer forged = running.client().get("/events",
                Map.of("Accept", TestClient.HAL, "Authorization", "Bearer forged-token"));
        running.server().expireAllTokens();
        TestClient.Answer expired = running.get("/events/x");

        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.code()).isEqualTo("InvalidAccessToken");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.code()).isEqualTo("ExpiredAccessToken");
    }

    @Test
    void aLimitThatIsNotANumberIsAValidationError() {
        TestClient.Answer answer = running.get("/events?limit=many");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("ValidationError");
        assertThat(answer.json().path("_embedded").path("errors").get(0).path("path").asText()).isEqualTo("/limit");
        assertThat(running.server().openApiViolations()).anySatisfy(v -> assertThat(v).contains("integer"));
        running.server().clearOpenApiViolations();
    }

    @Test
    void anotherMethodOnAnEventsPathIsMethodNotAllowed() {
        TestClient.Answer answer = running.delete("/events/x");

        assertThat(answer.status()).isEqualTo(405);
        running.server().clearOpenApiViolations();
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("_embedded").path("events").forEach(e -> ids.add(e.path("id").asText()));
        return ids;
    }
}
