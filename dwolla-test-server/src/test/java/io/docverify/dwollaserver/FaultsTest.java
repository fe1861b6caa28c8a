package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.docverify.ports.contract.TestFiles;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each fault: what the client sees, how many requests the server saw, and whether a document was created. */
class FaultsTest {
    private DwollaTestServer server;
    private TestClient client;
    private String customer;

    @BeforeEach
    void start() {
        server = DwollaTestServer.start(DwollaServerConfig.builder().build());
        client = new TestClient(server, true);
        client.login();
        customer = Seeds.customerAwaitingDocuments(server);
        server.journal().clear();
    }

    @AfterEach
    void stop() {
        assertThat(server.openApiViolations()).as("faulted answers are not checked; the rest conforms").isEmpty();
        server.close();
    }

    private TestClient.Answer upload() {
        return client.upload("/customers/" + customer + "/documents", "passport", "p.png", TestFiles.png());
    }

    private int documents() {
        return Seeds.customerDocuments(server, customer);
    }

    private List<Integer> statuses(Route route) {
        return server.journal().of(route).stream().map(RecordedRequest::status).toList();
    }

    @Test
    void statusBurstAnswersDwollaShapedErrorsThenRecovers() {
        server.faults().on(Route.CREATE_CUSTOMER_DOCUMENT, Fault.status(503), 3);

        List<TestClient.Answer> answers = List.of(upload(), upload(), upload(), upload());

        for (TestClient.Answer faulted : answers.subList(0, 3)) {
            assertThat(faulted.status()).isEqualTo(503);
            assertThat(faulted.header("Content-Type")).isEqualTo(TestClient.HAL);
            assertThat(faulted.code()).isEqualTo("ServiceUnavailable");
        }
        assertThat(answers.get(3).status()).isEqualTo(201);
        assertThat(statuses(Route.CREATE_CUSTOMER_DOCUMENT)).containsExactly(503, 503, 503, 201);
        assertThat(documents()).as("a refused attempt creates nothing").isEqualTo(1);
        assertThat(server.faults().remaining(Route.CREATE_CUSTOMER_DOCUMENT)).isZero();
    }

    @Test
    void statusWithOwnBodyAnswersExactlyThat() {
        server.faults().on(Route.GET_DOCUMENT, Fault.status(502, "<html>bad gateway</html>", "text/html"), 1);

        TestClient.Answer answer = client.get("/documents/any");

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.header("Content-Type")).isEqualTo("text/html");
        assertThat(answer.body()).isEqualTo("<html>bad gateway</html>");
    }

    @Test
    void tooManyRequestsCarriesRetryAfterInWholeSecondsAndCreatesNothing() {
        server.faults().on(Route.CREATE_CUSTOMER_DOCUMENT, Fault.tooManyRequests(Duration.ofSeconds(1)), 1)
                .on(Route.CREATE_CUSTOMER_DOCUMENT, Fault.tooManyRequests(Duration.ofMillis(1500)), 1);

        TestClient.Answer first = upload();
        TestClient.Answer second = upload();

        assertThat(first.status()).isEqualTo(429);
        assertThat(first.code()).isEqualTo("TooManyRequests");
        assertThat(first.header("Retry-After")).isEqualTo("1");
        assertThat(second.header("Retry-After")).isEqualTo("2");
        assertThat(documents()).isZero();
    }

    @Test
    void resetBeforeProcessingBreaksTheConnectionMidUploadAndCreatesNothing() {
        server.faults().on(Route.CREATE_CUSTOMER_DOCUMENT, Fault.resetBeforeProcessing(), 1);

        assertThatThrownBy(() -> client.upload("/customers/" + customer + "/documents", "passport", "p.png",
                TestFiles.png(256 * 1024))).isInstanceOf(UncheckedIOException.class);

        assertThat(statuses(Route.CREATE_CUSTOMER_DOCUMENT)).containsExactly(RecordedRequest.NO_RESPONSE);
        assertThat(server.journal().all().get(0).bodyBytes()).isLessThan(256 * 1024);
        assertThat(documents()).isZero();
        assertThat(upload().status()).as("the next request is served").isEqualTo(201);
    }

    @Test
    void resetBeforeProcessingOnARead() throws Exception {
        server.faults().on(Route.LIST_CUSTOMER_DOCUMENTS, Fault.resetBeforeProcessing(), 1);
        // A raw socket: the JDK client would silently retry a GET whose connection died before any answer byte.
        int port = URI.create(server.baseUrl()).getPort();
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET /customers/" + customer + "/documents HTTP/1.1\r\nHost: x\r\n"
                    + "Accept: " + TestClient.HAL + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            // A TCP reset (SO_LINGER 0), not an orderly close: reading fails rather than ending.
            assertThatThrownBy(() -> socket.getInputStream().read())
                    .isInstanceOf(java.net.SocketException.class).hasMessageContaining("reset");
        }

        assertThat(statuses(Route.LIST_CUSTOMER_DOCUMENTS)).containsExactly(RecordedRequest.NO_RESPONSE);
        server.clearOpenApiViolations(); // the raw request carries no token
    }

    @Test
    void resetAfterProcessingLosesTheResponseOfACreatedDocument() {
        server.faults().on(Route.CREATE_CUSTOMER_DOCUMENT, Fault.resetAfterProcessing(), 1);

        assertThatThrownBy(this::upload).isInstanceOf(UncheckedIOException.class);

        assertThat(statuses(Route.CREATE_CUSTOMER_DOCUMENT)).containsExactly(RecordedRequest.NO_RESPONSE);
        assertThat(documents()).as("the lost response's document exists").isEqualTo(1);
    }

    @Test
    void delayOutlastingTheClientLosesTheResponseButTheDocumentIsCreated() {
        server.faults().on(Route.CREATE_CUSTOMER_DOCUMENT, Fault.delay(Duration.ofSeconds(2)), 1);
        TestClient.Multipart body = TestClient.Multipart.of("passport", "p.png", TestFiles.png(), false);
        HttpRequest request = client.multipartRequest("/customers/" + customer + "/documents", body,
                        java.util.Map.of())
                .timeout(Duration.ofMillis(200))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())).build();

        assertThatThrownBy(() -> client.send(request)).hasCauseInstanceOf(HttpTimeoutException.class);

        assertThat(documents()).isEqualTo(1);
    }

    @Test
    void delayWithinTheClientsPatienceAnswersNormally() {
        server.faults().on(Route.GET_DOCUMENT, Fault.delay(Duration.ofMillis(300)), 1);
        String id = upload().header("Location").replaceAll(".*/", "");

        TestClient.Answer answer = client.get("/documents/" + id);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("id").asText()).isEqualTo(id);
        assertThat(statuses(Route.GET_DOCUMENT)).containsExactly(200);
    }

    @Test
    void malformedJsonOnAReadIsA200HalAnswerThatDoesNotParse() {
        String id = upload().header("Location").replaceAll(".*/", "");
        server.faults().on(Route.GET_DOCUMENT, Fault.malformedJson(), 1);

        TestClient.Answer answer = client.get("/documents/" + id);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).isEqualTo(TestClient.HAL);
        assertThat(answer.body()).startsWith("{");
        assertThatThrownBy(() -> TestClient.JSON.readTree(answer.body()))
                .isInstanceOf(JsonProcessingException.class);
        assertThat(client.get("/documents/" + id).json().path("id").asText()).isEqualTo(id);
    }

    @Test
    void malformedJsonOnACreateCreatesTheDocument() {
        server.faults().on(Route.CREATE_CUSTOMER_DOCUMENT, Fault.malformedJson(), 1);

        TestClient.Answer answer = upload();

        assertThat(answer.status()).isEqualTo(200);
        assertThatThrownBy(() -> TestClient.JSON.readTree(answer.body()))
                .isInstanceOf(JsonProcessingException.class);
        assertThat(documents()).isEqualTo(1);
    }

    @Test
    void dropLocationHeaderAnswers201WithoutLocationForACreatedDocument() {
        server.faults().on(Route.CREATE_CUSTOMER_DOCUMENT, Fault.dropLocationHeader(), 1);

        TestClient.Answer answer = upload();

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.header("Location")).isNull();
        assertThat(documents()).isEqualTo(1);
    }

    @Test
    void conflictAnswers409AndCreatesNothing() {
        server.faults().on(Route.CREATE_CUSTOMER_DOCUMENT, Fault.conflict(), 1);

        TestClient.Answer answer = upload();

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.code()).isEqualTo("Conflict");
        assertThat(documents()).isZero();
    }

    @Test
    void faultsAreConsumedInOrderPerRouteAndOnlyOnTheirRoute() {
        server.faults().on(Route.GET_DOCUMENT, Fault.status(503), 1)
                .on(Route.GET_DOCUMENT, Fault.status(500), 2);

        client.get("/customers/" + customer + "/documents");
        List<Integer> answers = List.of(client.get("/documents/x").status(), client.get("/documents/x").status(),
                client.get("/documents/x").status(), client.get("/documents/x").status());

        assertThat(answers).containsExactly(503, 500, 500, 404);
        assertThat(statuses(Route.LIST_CUSTOMER_DOCUMENTS)).containsExactly(200);
    }

    @Test
    void clearDropsQueuedFaults() {
        server.faults().on(Route.GET_DOCUMENT, Fault.status(503), 5);
        assertThat(server.faults().remaining(Route.GET_DOCUMENT)).isEqualTo(5);

        server.faults().clear();

        assertThat(server.faults().remaining(Route.GET_DOCUMENT)).isZero();
        assertThat(client.get("/documents/x").status()).isEqualTo(404);
    }

    @Test
    void tokenEndpointCanFailToo() {
        server.faults().on(Route.TOKEN, Fault.status(503), 1);

        TestClient.Answer answer = client.token("key", "secret", "grant_type=client_credentials");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(client.token("key", "secret", "grant_type=client_credentials").status()).isEqualTo(200);
        assertThat(server.journal().count(Route.TOKEN)).isEqualTo(2);
    }

    @Test
    void journalRecordsKeysAndSizesButNoAuthorization() {
        client.upload("/customers/" + customer + "/documents", "passport", "p.png", TestFiles.png(1000),
                java.util.Map.of("Idempotency-Key", "journal-key"));

        RecordedRequest recorded = server.journal().of(Route.CREATE_CUSTOMER_DOCUMENT).get(0);

        assertThat(recorded.method()).isEqualTo("POST");
        assertThat(recorded.path()).isEqualTo("/customers/" + customer + "/documents");
        assertThat(recorded.status()).isEqualTo(201);
        assertThat(recorded.idempotencyKey()).contains("journal-key");
        assertThat(recorded.bodyBytes()).isGreaterThan(1000).isLessThan(2000);
        assertThat(recorded.answered()).isTrue();
        assertThat(recorded.toString()).doesNotContainIgnoringCase("bearer");
    }

    @Test
    void faultsAreNotAllowedOnOtherAndNeedPositiveCounts() {
        assertThatThrownBy(() -> server.faults().on(Route.OTHER, Fault.status(500), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.faults().on(Route.GET_DOCUMENT, Fault.status(500), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.status(99)).isInstanceOf(IllegalArgumentException.class);
        assertThat(client.send(client.authorized(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/documents/x")))
                .GET().build()).status()).isEqualTo(404);
    }
}
