package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test server per test, started before it with a logged-in {@link TestClient} and stopped after it, once it was
 * checked that every request and answer followed Dwolla's OpenAPI description. Register it with
 * {@code @RegisterExtension final RunningServer running = new RunningServer();} (or with a change to the default
 * configuration).
 */
final class RunningServer implements BeforeEachCallback, AfterEachCallback {
    private final UnaryOperator<DwollaServerConfig.Builder> configure;
    private DwollaTestServer server;
    private TestClient client;

    RunningServer() {
        this(UnaryOperator.identity());
    }

    RunningServer(UnaryOperator<DwollaServerConfig.Builder> configure) {
        this.configure = configure;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server = DwollaTestServer.start(configure.apply(DwollaServerConfig.builder()).build());
        client = new TestClient(server);
        client.login();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (context.getExecutionException().isEmpty()) {
                assertThat(server.openApiViolations()).as("every request and answer follows Dwolla's OpenAPI")
                        .isEmpty();
            }
        } finally {
            server.close();
        }
    }

    DwollaTestServer server() {
        return server;
    }

    /** A client holding a valid token. */
    TestClient client() {
        return client;
    }

    TestClient.Answer get(String path) {
        return client.get(path);
    }

    /** A JSON POST with the token, {@code Content-Type: application/json}. */
    TestClient.Answer post(String path, String json) {
        return client.send(client.authorized(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    TestClient.Answer delete(String path) {
        return client.send(client.authorized(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)))
                .DELETE().build());
    }
}
