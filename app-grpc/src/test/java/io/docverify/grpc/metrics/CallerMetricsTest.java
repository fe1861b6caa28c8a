package io.docverify.grpc.metrics;

import static io.docverify.grpc.Calls.errorOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.grpc.Calls;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.backend.InMemoryBackend;
import io.docverify.grpc.config.ConfigReader;
import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentRequest;
import io.docverify.grpc.v1.SandboxServiceProto.CreateCustomerRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code docverify_calls_total} counts each call by the name of the key that made it, never the key. */
public class CallerMetricsTest {
    /** Keys of this test; the log scan looks for them. */
    public static final String ALPHA_KEY = "alpha-metrics-key-Fd52Mu7Rq0";
    public static final String BETA_KEY = "beta-metrics-key-Lc09Wy4Sb8";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestServer server;

    @BeforeAll
    static void start() {
        var settings = TestServer.settings();
        settings.remove("DOCVERIFY_API_KEYS");
        settings.put("DOCVERIFY_METRICS_PORT", "0");
        settings.put("DOCVERIFY_SCOPED_API_KEYS", "alpha:read:" + ALPHA_KEY + ",beta:upload+read+sandbox:" + BETA_KEY);
        server = TestServer.start(TestServer.Kind.SOCKET, new InMemoryBackend(InMemoryConfig.DEFAULTS),
                ConfigReader.read(settings));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String metrics() throws Exception {
        int port = server.server().metricsPort().orElseThrow();
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The value of the one sample of {@code metric} whose labels include all of {@code labels}. */
    private static double sample(String body, String metric, String... labels) {
        List<String> lines = body.lines()
                .filter(l -> l.startsWith(metric + "{"))
                .filter(l -> List.of(labels).stream().allMatch(l::contains))
                .toList();
        assertThat(lines).as("%s with %s in%n%s", metric, List.of(labels), body).hasSize(1);
        String line = lines.get(0);
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    @Test
    void twoCallersAreCountedApartByMethodAndStatus() throws Exception {
        var unknown = GetDocumentRequest.newBuilder().setDocumentId("unknown").build();
        for (int i = 0; i < 3; i++) {
            errorOf(() -> server.documents(ALPHA_KEY).getDocument(unknown));
        }
        errorOf(() -> server.documents(BETA_KEY).getDocument(unknown));
        errorOf(() -> server.sandbox(ALPHA_KEY).createCustomer(CreateCustomerRequest.getDefaultInstance()));
        server.sandbox(BETA_KEY).createCustomer(CreateCustomerRequest.getDefaultInstance());

        String body = metrics();

        String calls = "docverify_calls_total";
        assertThat(sample(body, calls, "caller=\"alpha\"", "method=\"GetDocument\"", "statusCode=\"NOT_FOUND\"",
                "service=\"docverify.v1.DocumentService\"")).isEqualTo(3.0);
        assertThat(sample(body, calls, "caller=\"beta\"", "method=\"GetDocument\"", "statusCode=\"NOT_FOUND\""))
                .isEqualTo(1.0);
        assertThat(sample(body, calls, "caller=\"alpha\"", "method=\"CreateCustomer\"",
                "statusCode=\"PERMISSION_DENIED\"")).as("a refusal for want of a scope is counted too").isEqualTo(1.0);
        assertThat(sample(body, calls, "caller=\"beta\"", "method=\"CreateCustomer\"", "statusCode=\"OK\""))
                .isEqualTo(1.0);
        assertThat(body).doesNotContain(ALPHA_KEY, BETA_KEY);
    }

    @Test
    void aCallTheClientCancelsIsCountedOnceAsCancelled() throws Exception {
        var upload = Calls.open(server.documentsAsync(BETA_KEY));
        upload.requests().onError(new IllegalStateException("the client gives up"));

        String calls = "docverify_calls_total";
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (metrics().lines().noneMatch(l -> l.startsWith(calls + "{") && l.contains("caller=\"beta\"")
                && l.contains("method=\"UploadDocument\"")) && System.nanoTime() < deadline) {
            Thread.sleep(20); // the server learns of the cancel asynchronously
        }
        assertThat(sample(metrics(), calls, "caller=\"beta\"", "method=\"UploadDocument\"",
                "statusCode=\"CANCELLED\"")).isEqualTo(1.0);
    }
}
