package io.docverify.grpc.metrics;

import static io.docverify.grpc.Calls.errorOf;
import static io.docverify.grpc.Calls.passportOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.grpc.Calls;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.backend.InMemoryBackend;
import io.docverify.grpc.config.ConfigReader;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentRequest;
import io.docverify.ports.contract.TestFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Prometheus endpoint shows a timer per RPC, tagged by method and status code. */
class MetricsEndpointTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestServer server;

    @BeforeAll
    static void start() {
        var settings = TestServer.settings();
        settings.put("DOCVERIFY_METRICS_PORT", "0");
        server = TestServer.start(TestServer.Kind.SOCKET, new InMemoryBackend(InMemoryConfig.DEFAULTS),
                ConfigReader.read(settings));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        int port = server.server().metricsPort().orElseThrow();
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the one sample of {@code metric} whose labels include all of {@code labels}. */
    private static double sample(String body, String metric, String... labels) {
        List<String> lines = body.lines()
                .filter(l -> l.startsWith(metric + "{"))
                .filter(l -> List.of(labels).stream().allMatch(l::contains))
                .toList();
        assertThat(lines).as("%s with %s", metric, List.of(labels)).hasSize(1);
        String line = lines.get(0);
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    @Test
    void eachRpcIsTimedByMethodAndStatusCode() throws Exception {
        Calls.upload(server, passportOf(Calls.customerAwaitingDocuments(server)), TestFiles.png());
        for (int i = 0; i < 2; i++) {
            errorOf(() -> server.documents().getDocument(GetDocumentRequest.newBuilder().setDocumentId("unknown")
                    .build()));
        }
        errorOf(() -> DocumentServiceGrpc.newBlockingStub(server.channel())
                .getDocument(GetDocumentRequest.newBuilder().setDocumentId("unknown").build()));

        // The server records a call's timer as the call closes, which may be just after its client saw the status.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> get("/metrics").body()
                .lines().anyMatch(l -> l.startsWith("grpc_server_processing_duration_seconds_count{")
                        && l.contains("statusCode=\"UNAUTHENTICATED\"")));
        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/plain"));
        String body = response.body();
        String count = "grpc_server_processing_duration_seconds_count";
        assertThat(sample(body, count, "method=\"GetDocument\"", "statusCode=\"NOT_FOUND\"")).isEqualTo(2.0);
        assertThat(sample(body, count, "method=\"GetDocument\"", "statusCode=\"UNAUTHENTICATED\"")).isEqualTo(1.0);
        assertThat(sample(body, count, "method=\"UploadDocument\"", "statusCode=\"OK\"",
                "methodType=\"CLIENT_STREAMING\"", "service=\"docverify.v1.DocumentService\"")).isEqualTo(1.0);
        assertThat(sample(body, count, "method=\"CreateCustomer\"", "statusCode=\"OK\"")).isEqualTo(1.0);
        assertThat(body).contains("grpc_server_processing_duration_seconds_sum{")
                .contains("grpc_server_requests_received_messages_total{")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void onlyGetMetricsIsServed() throws Exception {
        assertThat(get("/").statusCode()).isEqualTo(404);
        assertThat(get("/metrics/x").statusCode()).isEqualTo(404);
        int port = server.server().metricsPort().orElseThrow();
        var post = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }
}
