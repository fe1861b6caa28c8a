package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.docverify.ports.contract.TestFiles;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every fault form of {@code POST /_sandbox/faults} queued over HTTP (as QA queues them, JSON, no Java) and seen
 * over HTTP by a Dwolla client: what the client gets and whether the document was created. {@link FaultsTest} has
 * the same faults queued in Java; this checks the JSON forms reach them. And every malformed fault body is a
 * {@code 400 ValidationError} in the control API's error shape naming the field.
 */
class ControlFaultFormsTest {
    private DwollaTestServer server;
    private TestClient dwolla;
    private ControlClient control;
    private String customer;

    @BeforeEach
    void start() {
        server = DwollaTestServer.start(DwollaServerConfig.builder().build());
        dwolla = new TestClient(server, true);
        dwolla.login();
        control = new ControlClient(server);
        customer = Seeds.customerAwaitingDocuments(server);
    }

    @AfterEach
    void stop() {
        control.close();
        server.clearOpenApiViolations(); // faulted answers are not checked; lost answers are not either
        server.close();
    }

    private void queue(String route, String fault) {
        ControlClient.Answer answer = control.post("/_sandbox/faults",
                "{\"route\":\"" + route + "\",\"fault\":" + fault + "}");
        assertThat(answer.status()).as(fault + " -> " + answer.body()).isEqualTo(200);
        assertThat(answer.json().path("queued").path(route).asInt()).isEqualTo(1);
    }

    private TestClient.Answer upload() {
        return dwolla.upload("/customers/" + customer + "/documents", "passport", "p.png", TestFiles.png());
    }

    private String uploaded() {
        TestClient.Answer answer = upload();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.header("Location").replaceAll(".*/", "");
    }

    private int documents() {
        return Seeds.customerDocuments(server, customer);
    }

    @Test
    void statusWithoutBodyIsADwollaShapedError() {
        queue("GET_DOCUMENT", "{\"kind\":\"status\",\"status\":502}");

        TestClient.Answer answer = dwolla.get("/documents/any");

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.header("Content-Type")).isEqualTo(TestClient.HAL);
        assertThat(answer.code()).isEqualTo("BadGateway");
        assertThat(answer.json().path("message").asText()).isNotEmpty();
        assertThat(dwolla.get("/documents/any").status()).as("one fault, then served").isEqualTo(404);
    }

    @Test
    void statusWithBodyAndContentTypeAnswersExactlyThatAndCreatesNothing() {
        queue("CREATE_CUSTOMER_DOCUMENT", "{\"kind\":\"status\",\"status\":500,\"body\":\"<html>oops</html>\","
                + "\"contentType\":\"text/html\"}");

        TestClient.Answer answer = upload();

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.header("Content-Type")).isEqualTo("text/html");
        assertThat(answer.body()).isEqualTo("<html>oops</html>");
        assertThat(documents()).isZero();
    }

    @Test
    void tooManyRequestsRoundsRetryAfterUpToWholeSeconds() {
        queue("LIST_CUSTOMER_DOCUMENTS", "{\"kind\":\"tooManyRequests\",\"retryAfter\":\"PT1.5S\"}");

        TestClient.Answer answer = dwolla.get("/customers/" + customer + "/documents");

        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.code()).isEqualTo("TooManyRequests");
        assertThat(answer.header("Retry-After")).isEqualTo("2");
    }

    @Test
    void delayHoldsTheAnswerThenAnswersNormally() {
        String id = uploaded();
        queue("GET_DOCUMENT", "{\"kind\":\"delay\",\"delay\":\"PT0.4S\"}");

        long started = System.nanoTime();
        TestClient.Answer answer = dwolla.get("/documents/" + id);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("id").asText()).isEqualTo(id);
        assertThat(tookMillis).isGreaterThanOrEqualTo(400);
    }

    @Test
    void resetBeforeProcessingBreaksTheUploadAndCreatesNothing() {
        queue("CREATE_CUSTOMER_DOCUMENT", "{\"kind\":\"resetBeforeProcessing\"}");

        assertThatThrownBy(() -> dwolla.upload("/customers/" + customer + "/documents", "passport", "p.png",
                TestFiles.png(256 * 1024))).isInstanceOf(UncheckedIOException.class);

        assertThat(documents()).isZero();
        assertThat(upload().status()).as("the next upload is served").isEqualTo(201);
    }

    @Test
    void resetAfterProcessingLosesTheAnswerButTheDocumentExists() {
        queue("CREATE_CUSTOMER_DOCUMENT", "{\"kind\":\"resetAfterProcessing\"}");

        assertThatThrownBy(this::upload).isInstanceOf(UncheckedIOException.class);

        assertThat(documents()).isEqualTo(1);
    }

    @Test
    void malformedJsonIsA200ThatDoesNotParse() {
        String id = uploaded();
        queue("GET_DOCUMENT", "{\"kind\":\"malformedJson\"}");

        TestClient.Answer answer = dwolla.get("/documents/" + id);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).isEqualTo(TestClient.HAL);
        assertThatThrownBy(() -> TestClient.JSON.readTree(answer.body()))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void dropLocationHeaderAnswers201WithoutLocationAndTheDocumentExists() {
        queue("CREATE_CUSTOMER_DOCUMENT", "{\"kind\":\"dropLocationHeader\"}");

        TestClient.Answer answer = upload();

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.header("Location")).isNull();
        assertThat(documents()).isEqualTo(1);
    }

    @Test
    void conflictAnswers409AndCreatesNothing() {
        queue("CREATE_CUSTOMER_DOCUMENT", "{\"kind\":\"conflict\"}");

        TestClient.Answer answer = upload();

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.code()).isEqualTo("Conflict");
        assertThat(documents()).isZero();
    }

    @Test
    void aFaultOnTheTokenRouteFailsTheTokenRequest() {
        queue("TOKEN", "{\"kind\":\"status\",\"status\":503}");

        TestClient.Answer answer = dwolla.token("key", "secret", "grant_type=client_credentials");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(dwolla.token("key", "secret", "grant_type=client_credentials").status()).isEqualTo(200);
    }

    /** A bad body, the field its error must name, and a word its message must carry. */
    private record Bad(String body, String path, String hint) {
    }

    @Test
    void aBadFaultBodyIsA400ValidationErrorNamingTheFieldAndQueuesNothing() {
        List<Bad> bads = List.of(
                new Bad("not json", "/", "JSON"),
                new Bad("[1,2]", "/", "object"),
                new Bad("{\"fault\":{\"kind\":\"conflict\"}}", "/route", "route"),
                new Bad("{\"route\":7,\"fault\":{\"kind\":\"conflict\"}}", "/route", "route"),
                new Bad("{\"route\":\"NOPE\",\"fault\":{\"kind\":\"conflict\"}}", "/route", "GET_DOCUMENT"),
                new Bad("{\"route\":\"OTHER\",\"fault\":{\"kind\":\"conflict\"}}", "/route", "route"),
                new Bad("{\"route\":\"GET_DOCUMENT\"}", "/fault", "fault"),
                new Bad("{\"route\":\"GET_DOCUMENT\",\"fault\":\"conflict\"}", "/fault", "fault"),
                new Bad("{\"route\":\"GET_DOCUMENT\",\"fault\":{}}", "/fault/kind", "kind"),
                new Bad("{\"route\":\"GET_DOCUMENT\",\"fault\":{\"kind\":\"gremlins\"}}", "/fault/kind",
                        "resetBeforeProcessing"),
                new Bad("{\"route\":\"GET_DOCUMENT\",\"fault\":{\"kind\":\"status\"}}", "/fault/status", "status"),
                new Bad("{\"route\":\"GET_DOCUMENT\",\"fault\":{\"kind\":\"status\",\"status\":\"503\"}}",
                        "/fault/status", "status"),
                new Bad("{\"route\":\"GET_DOCUMENT\",\"fault\":{\"kind\":\"status\",\"status\":42}}",
                        "/fault/status", "42"),
                new Bad("{\"route\":\"GET_DOCUMENT\",\"fault\":{\"kind\":\"status\",\"status\":503,\"body\":\"x\"}}",
                        "/fault/contentType", "contentType"),
                new Bad("{\"route\":\"GET_DOCUMENT\",\"fault\":{\"kind\":\"status\",\"status\":503,\"body\":5,"
                        + "\"contentType\":\"text/plain\"}}", "/fault/body", "body"),
                new Bad("{\"route\":\"GET_DOCUMENT\",\"fault\":{\"kind\":\"delay\"}}", "/fault/delay", "delay"),
                new Bad("{\"route\":\"GET_DOCUMENT\",\"fault\":{\"kind\":\"delay\",\"delay\":\"soon\"}}",
                        "/fault/delay", "ISO-8601"),
                new Bad("{\"route\":\"GET_DOCUMENT\",\"fault\":{\"kind\":\"delay\",\"delay\":\"-PT1S\"}}",
                        "/fault/delay", "negative"),
                new Bad("{\"route\":\"GET_DOCUMENT\",\"fault\":{\"kind\":\"tooManyRequests\"}}",
                        "/fault/retryAfter", "retryAfter"),
                new Bad("{\"route\":\"GET_DOCUMENT\",\"fault\":{\"kind\":\"conflict\"},\"times\":0}", "/times",
                        "10000"),
                new Bad("{\"route\":\"GET_DOCUMENT\",\"fault\":{\"kind\":\"conflict\"},\"times\":10001}", "/times",
                        "10000"),
                new Bad("{\"route\":\"GET_DOCUMENT\",\"fault\":{\"kind\":\"conflict\"},\"times\":1.5}", "/times",
                        "whole"),
                new Bad("{\"route\":\"GET_DOCUMENT\",\"fault\":{\"kind\":\"conflict\"},\"times\":\"2\"}", "/times",
                        "whole"));
        for (Bad bad : bads) {
            ControlClient.Answer answer = control.post("/_sandbox/faults", bad.body());
            assertThat(answer.status()).as(bad.body() + " -> " + answer.body()).isEqualTo(400);
            assertThat(answer.contentType()).isEqualTo("application/json");
            assertThat(answer.json().path("code").asText()).as(bad.body()).isEqualTo("ValidationError");
            assertThat(answer.json().path("path").asText()).as(bad.body() + " -> " + answer.body())
                    .isEqualTo(bad.path());
            assertThat(answer.json().path("message").asText()).as(bad.body() + " -> " + answer.body())
                    .contains(bad.hint());
            assertThat(answer.json().properties()).as("the control API's error shape: code, message, path")
                    .extracting(java.util.Map.Entry::getKey).containsExactlyInAnyOrder("code", "message", "path");
        }
        ControlClient.Answer plain = control.post("/_sandbox/faults", "text/plain",
                "{\"route\":\"GET_DOCUMENT\",\"fault\":{\"kind\":\"conflict\"}}");
        assertThat(plain.status()).isEqualTo(415);
        assertThat(plain.code()).isEqualTo("UnsupportedRequestContentType");
        ControlClient.Answer huge = control.post("/_sandbox/faults", "{\"route\":\"GET_DOCUMENT\",\"fault\":"
                + "{\"kind\":\"status\",\"status\":503,\"contentType\":\"text/plain\",\"body\":\""
                + "x".repeat(70_000) + "\"}}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(control.get("/_sandbox/faults").json().path("queued").size()).as("nothing queued").isZero();
        assertThat(dwolla.get("/documents/any").status()).isEqualTo(404);
    }
}
