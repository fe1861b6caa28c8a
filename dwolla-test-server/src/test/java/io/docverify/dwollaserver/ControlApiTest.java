package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.domain.CustomerId;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.ports.contract.TestFiles;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The control API under /_sandbox/, over HTTP with Vert.x WebClient on 127.0.0.1. */
class ControlApiTest {
    private DwollaTestServer server;
    private TestClient dwolla;
    private ControlClient control;

    @BeforeEach
    void start() {
        server = DwollaTestServer.start(DwollaServerConfig.builder().build());
        dwolla = new TestClient(server);
        dwolla.login();
        control = new ControlClient(server);
    }

    @AfterEach
    void stop() {
        control.close();
        server.close();
    }

    private String upload(String customer) {
        TestClient.Answer answer = dwolla.upload("/customers/" + customer + "/documents", "passport", "id.png",
                TestFiles.png());
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        String location = answer.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Test
    void acceptingADocumentVerifiesItsCustomer() {
        String customer = Seeds.customerAwaitingDocuments(server);
        String document = upload(customer);

        ControlClient.Answer answer = control.post("/_sandbox/documents/" + document + "/review",
                "{\"decision\":\"accepted\"}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.json().path("status").asText()).isEqualTo("reviewed");
        assertThat(answer.json().path("failureReasons").size()).isZero();
        assertThat(Seeds.join(server.sandbox().owner(new CustomerId(customer))).status())
                .isEqualTo(CustomerStatus.VERIFIED);
        ControlClient.Answer owners = control.get("/_sandbox/owners");
        assertThat(owners.json().path("owners").get(0).path("status").asText()).isEqualTo("verified");
        assertThat(owners.json().path("owners").get(0).path("documents").get(0).path("id").asText())
                .isEqualTo(document);
    }

    @Test
    void rejectingKeepsDwollasReasonsAndASecondReviewIsRefused() {
        String customer = Seeds.customerAwaitingDocuments(server);
        String document = upload(customer);

        ControlClient.Answer rejected = control.post("/_sandbox/documents/" + document + "/review",
                "{\"decision\":\"rejected\",\"reasons\":[\"ScanNotReadable\",\"SomethingNew\"]}");
        ControlClient.Answer again = control.post("/_sandbox/documents/" + document + "/review",
                "{\"decision\":\"accepted\"}");

        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.json().path("failureReasons").findValuesAsText("reason"))
                .containsExactly("ScanNotReadable", "SomethingNew");
        assertThat(rejected.json().path("failureReasons").get(0).path("description").asText()).isNotEmpty();
        assertThat(dwolla.get("/documents/" + document).json().path("failureReason").asText())
                .isEqualTo("ScanNotReadable");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("invalidResourceState");
    }

    @Test
    void badReviewsAreTypedErrorsAndChangeNothing() {
        String customer = Seeds.customerAwaitingDocuments(server);
        String document = upload(customer);
        String path = "/_sandbox/documents/" + document + "/review";

        assertThat(control.post(path, "{\"decision\":\"maybe\"}")).satisfies(a -> {
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.code()).isEqualTo("ValidationError");
            assertThat(a.json().path("path").asText()).isEqualTo("/decision");
        });
        assertThat(control.post(path, "{\"decision\":\"rejected\"}").status()).isEqualTo(400);
        assertThat(control.post(path, "{\"decision\":\"rejected\",\"reasons\":[7]}").status()).isEqualTo(400);
        assertThat(control.post(path, "not json").status()).isEqualTo(400);
        assertThat(control.post(path, "[]").status()).isEqualTo(400);
        assertThat(control.post(path, "text/plain", "{\"decision\":\"accepted\"}").status()).isEqualTo(415);
        assertThat(control.post(path, "{\"decision\":\"accepted\",\"pad\":\"" + "x".repeat(70_000) + "\"}")
                .status()).isEqualTo(413);
        ControlClient.Answer unknown = control.post("/_sandbox/documents/no-such-document/review",
                "{\"decision\":\"accepted\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("notFound");

        assertThat(dwolla.get("/documents/" + document).json().path("status").asText()).isEqualTo("pending");
    }

    @Test
    void ownerStatusMovesAndWrongStatusesAreRefused() {
        String customer = Seeds.customerAwaitingDocuments(server);
        String owner = Seeds.beneficialOwner(server, BeneficialOwnerStatus.INCOMPLETE);

        ControlClient.Answer moved = control.post("/_sandbox/customers/" + customer + "/status",
                "{\"status\":\"suspended\"}");
        ControlClient.Answer movedOwner = control.post("/_sandbox/beneficial-owners/" + owner + "/status",
                "{\"status\":\"document\"}");

        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json().path("status").asText()).isEqualTo("suspended");
        assertThat(Seeds.join(server.sandbox().owner(new CustomerId(customer))).status())
                .isEqualTo(CustomerStatus.SUSPENDED);
        assertThat(movedOwner.json().path("status").asText()).isEqualTo("document");
        assertThat(control.post("/_sandbox/beneficial-owners/" + owner + "/status", "{\"status\":\"kba\"}")
                .status()).isEqualTo(400);
        assertThat(control.post("/_sandbox/customers/" + customer + "/status", "{}").status()).isEqualTo(400);
        assertThat(control.post("/_sandbox/customers/nobody/status", "{\"status\":\"verified\"}").status())
                .isEqualTo(404);
        assertThat(control.post("/_sandbox/accounts/" + customer + "/status", "{\"status\":\"verified\"}")
                .status()).isEqualTo(404);
    }

    @Test
    void idsAreUuidsInAnyCaseAsInDwollasApi() {
        String customer = Seeds.customerAwaitingDocuments(server);
        String owner = Seeds.beneficialOwner(server, BeneficialOwnerStatus.INCOMPLETE);
        String document = upload(customer);
        String upper = customer.toUpperCase(java.util.Locale.ROOT);

        ControlClient.Answer moved = control.post("/_sandbox/customers/" + upper + "/status",
                "{\"status\":\"retry\"}");
        ControlClient.Answer movedOwner = control.post("/_sandbox/beneficial-owners/"
                + owner.toUpperCase(java.util.Locale.ROOT) + "/status", "{\"status\":\"document\"}");
        ControlClient.Answer reviewed = control.post("/_sandbox/documents/"
                + document.toUpperCase(java.util.Locale.ROOT) + "/review", "{\"decision\":\"accepted\"}");

        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json().path("id").asText()).isEqualTo(customer);
        assertThat(movedOwner.status()).as(movedOwner.body()).isEqualTo(200);
        assertThat(reviewed.status()).as(reviewed.body()).isEqualTo(200);
        assertThat(reviewed.json().path("id").asText()).isEqualTo(document);
        assertThat(dwolla.get("/documents/" + document).json().path("status").asText()).isEqualTo("reviewed");
    }

    @Test
    void queuedFaultsApplyToTheirRouteThenRunOut() {
        String customer = Seeds.customerAwaitingDocuments(server);

        ControlClient.Answer queued = control.post("/_sandbox/faults",
                "{\"route\":\"LIST_CUSTOMER_DOCUMENTS\",\"fault\":{\"kind\":\"status\",\"status\":503},\"times\":2}");
        ControlClient.Answer tooMany = control.post("/_sandbox/faults",
                "{\"route\":\"GET_DOCUMENT\",\"fault\":{\"kind\":\"tooManyRequests\",\"retryAfter\":\"PT3S\"}}");

        assertThat(queued.status()).as(queued.body()).isEqualTo(200);
        assertThat(tooMany.json().path("queued").path("LIST_CUSTOMER_DOCUMENTS").asInt()).isEqualTo(2);
        assertThat(control.get("/_sandbox/faults").json().path("queued").path("GET_DOCUMENT").asInt()).isEqualTo(1);
        assertThat(dwolla.get("/customers/" + customer + "/documents").status()).isEqualTo(503);
        assertThat(dwolla.get("/customers/" + customer + "/documents").status()).isEqualTo(503);
        assertThat(dwolla.get("/customers/" + customer + "/documents").status()).isEqualTo(200);
        TestClient.Answer limited = dwolla.get("/documents/any");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("3");

        control.post("/_sandbox/faults", "{\"route\":\"GET_DOCUMENT\",\"fault\":{\"kind\":\"conflict\"}}");
        assertThat(control.delete("/_sandbox/faults").status()).isEqualTo(204);
        assertThat(control.get("/_sandbox/faults").json().path("queued").size()).isZero();
        assertThat(dwolla.get("/documents/any").status()).isEqualTo(404);
    }

    @Test
    void badFaultsAreRefused() {
        for (String body : new String[] {
                "{\"route\":\"NOPE\",\"fault\":{\"kind\":\"conflict\"}}",
                "{\"route\":\"OTHER\",\"fault\":{\"kind\":\"conflict\"}}",
                "{\"route\":\"GET_DOCUMENT\",\"fault\":{\"kind\":\"gremlins\"}}",
                "{\"route\":\"GET_DOCUMENT\",\"fault\":{\"kind\":\"status\",\"status\":42}}",
                "{\"route\":\"GET_DOCUMENT\",\"fault\":{\"kind\":\"delay\",\"delay\":\"soon\"}}",
                "{\"route\":\"GET_DOCUMENT\",\"fault\":{\"kind\":\"delay\",\"delay\":\"-PT1S\"}}",
                "{\"route\":\"GET_DOCUMENT\",\"fault\":{\"kind\":\"conflict\"},\"times\":0}",
                "{\"route\":\"GET_DOCUMENT\"}"}) {
            ControlClient.Answer answer = control.post("/_sandbox/faults", body);
            assertThat(answer.status()).as(body + " -> " + answer.body()).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("ValidationError");
        }
        assertThat(server.faults().remaining(Route.GET_DOCUMENT)).isZero();
    }

    @Test
    void movingTheClockExpiresTokensAndIdempotencyKeys() {
        String customer = Seeds.customerAwaitingDocuments(server);
        Map<String, String> key = Map.of("Idempotency-Key", "key-1");
        String first = dwolla.upload("/customers/" + customer + "/documents", "passport", "a.png", TestFiles.png(),
                key).header("Location");

        ControlClient.Answer moved = control.post("/_sandbox/clock/advance", "{\"by\":\"PT25H\"}");

        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json().path("offset").asText()).isEqualTo("PT25H");
        assertThat(control.get("/_sandbox/clock").json().path("offset").asText()).isEqualTo("PT25H");
        TestClient.Answer expired = dwolla.get("/customers/" + customer + "/documents");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.code()).isEqualTo("ExpiredAccessToken");
        dwolla.login();
        String second = dwolla.upload("/customers/" + customer + "/documents", "passport", "a.png", TestFiles.png(),
                key).header("Location");
        assertThat(second).as("the key's 24-hour window is over: a new document").isNotEqualTo(first);
        assertThat(control.post("/_sandbox/clock/advance", "{\"by\":\"-PT1M\"}").status()).isEqualTo(400);
        assertThat(control.post("/_sandbox/clock/advance", "{\"by\":\"15 minutes\"}").status()).isEqualTo(400);
        assertThat(server.control().clock().offset()).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void journalListsDwollaRequestsWithoutSecretsAndViolationsAreListed() {
        String customer = Seeds.customerAwaitingDocuments(server);
        dwolla.get("/customers/" + customer + "/documents");
        control.get("/_sandbox/owners");
        control.get("/customers/" + customer + "/documents"); // no token: breaks the description (security)

        ControlClient.Answer journal = control.get("/_sandbox/journal?limit=2");
        ControlClient.Answer violations = control.get("/_sandbox/openapi-violations");

        assertThat(journal.json().path("requests").size()).isEqualTo(2);
        assertThat(journal.json().path("requests").findValuesAsText("route"))
                .containsExactly("LIST_CUSTOMER_DOCUMENTS", "LIST_CUSTOMER_DOCUMENTS");
        assertThat(journal.json().path("requests").findValuesAsText("status")).containsExactly("200", "401");
        assertThat(journal.body()).doesNotContain("Bearer").doesNotContain("_sandbox").doesNotContain("secret");
        assertThat(control.get("/_sandbox/journal").json().path("requests").findValuesAsText("route"))
                .contains("TOKEN").doesNotContain("OTHER");
        assertThat(control.get("/_sandbox/journal?limit=x").status()).isEqualTo(400);
        assertThat(violations.json().path("violations")).isNotEmpty()
                .allSatisfy(v -> assertThat(v.asText()).startsWith("request GET"))
                .anySatisfy(v -> assertThat(v.asText()).contains("security"));
        server.clearOpenApiViolations();
    }

    @Test
    void resetForgetsEverythingAndRunsTheHooks() {
        String customer = Seeds.customerAwaitingDocuments(server);
        upload(customer);
        control.post("/_sandbox/faults", "{\"route\":\"GET_DOCUMENT\",\"fault\":{\"kind\":\"conflict\"}}");
        control.get("/customers/" + customer + "/documents"); // a violation
        var hooks = new AtomicInteger();
        server.control().onReset(hooks::incrementAndGet);

        assertThat(control.post("/_sandbox/reset", "{}").status()).isEqualTo(204);

        assertThat(control.get("/_sandbox/owners").json().path("owners").size()).isZero();
        assertThat(control.get("/_sandbox/journal").json().path("requests").size()).isZero();
        assertThat(control.get("/_sandbox/faults").json().path("queued").size()).isZero();
        assertThat(control.get("/_sandbox/openapi-violations").json().path("violations").size()).isZero();
        assertThat(hooks).hasValue(1);
        assertThat(dwolla.get("/customers/" + customer + "/documents").status()).isEqualTo(404);
        String again = Seeds.customerAwaitingDocuments(server);
        assertThat(upload(again)).isNotEmpty();
    }

    @Test
    void unknownControlPathsAre404AndThePageIsHtml() {
        ControlClient.Answer unknown = control.get("/_sandbox/nothing-here");
        ControlClient.Answer page = control.get("/_sandbox/");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("notFound");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<h2>Owners</h2>").contains("id=\"webhook-deliveries\"");
        assertThat(control.get("/_sandbox").status()).isEqualTo(200); // redirected to /_sandbox/
    }
}
