package io.docverify.adapter.dwolla;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.domain.CustomerId;
import io.docverify.domain.OwnerId;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.dwollaserver.DwollaServerConfig;
import io.docverify.dwollaserver.DwollaTestServer;
import io.docverify.dwollaserver.ErrorStyle;
import io.docverify.dwollaserver.Route;
import io.docverify.ports.sandbox.NewCustomer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The Dwolla-compatible test server on 127.0.0.1 with a fresh adapter pointed at it, configured for fast tests
 * (short backoffs and time limits), and a fresh meter registry. Closing it checks that every request the adapter
 * sent and every answer the server gave followed Dwolla's OpenAPI description.
 *
 * <p>One server serves every test of the JVM (loading Dwolla's OpenAPI description for each test would cost more
 * than the tests); each test starts with an empty journal, no faults and no violations, and uses owners of its
 * own.
 */
final class Harness implements AutoCloseable {
    private static DwollaTestServer shared;
    static final String KEY = "docverify-test-key";
    static final String SECRET = "docverify-test-secret-never-logged";

    final DwollaTestServer server;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final DwollaDocumentProvider provider;

    private final boolean ownsServer;

    private Harness(DwollaTestServer server, boolean ownsServer, UnaryOperator<DwollaConfig.Builder> tune) {
        this.server = server;
        this.ownsServer = ownsServer;
        server.faults().clear();
        server.journal().clear();
        server.clearOpenApiViolations();
        server.errorStyle(ErrorStyle.ENDPOINT_TABLE);
        this.provider = DwollaDocumentProvider.create(tune.apply(fast(server.baseUrl())).build(), registry);
    }

    static Harness start() {
        return start(b -> b);
    }

    static Harness start(UnaryOperator<DwollaConfig.Builder> tune) {
        return new Harness(sharedServer(), false, tune);
    }

    /** A server of its own, closed with the harness. */
    static Harness start(DwollaServerConfig serverConfig, UnaryOperator<DwollaConfig.Builder> tune) {
        return new Harness(DwollaTestServer.start(serverConfig), true, tune);
    }

    private static synchronized DwollaTestServer sharedServer() {
        if (shared == null) {
            shared = DwollaTestServer.start(serverConfig().build());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "shared-dwolla-test-server"));
        }
        return shared;
    }

    static DwollaServerConfig.Builder serverConfig() {
        return DwollaServerConfig.builder().key(KEY).secret(SECRET).tokenTtl(Duration.ofHours(1))
                .validateAgainstOpenApi(true)
                .backend(InMemoryConfig.DEFAULTS.withSandboxReviewDelay(Duration.ZERO));
    }

    /** Short waits everywhere, so a fault test takes milliseconds, not minutes. */
    static DwollaConfig.Builder fast(String baseUrl) {
        return DwollaConfig.builder().baseUrl(baseUrl).key(KEY).secret(SECRET)
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(30))
                .uploadTimeout(Duration.ofSeconds(60))
                .maxAttempts(4)
                .retryInitialBackoff(Duration.ofMillis(10))
                .retryMaxBackoff(Duration.ofMillis(100))
                .retryJitter(0.2)
                .maxRetryAfter(Duration.ofSeconds(3))
                .rateLimitPerSecond(1000);
    }

    /**
     * One upload and one read for a customer of its own, then an empty journal: the token is cached and the first
     * requests' one-time costs (class loading, the server's OpenAPI model) are paid before a test measures.
     */
    Harness warm() {
        CustomerId other = customer();
        var created = provider.create(io.docverify.ports.out.DocumentSubmission.of(other,
                io.docverify.domain.DocumentType.PASSPORT,
                io.docverify.ports.contract.TestFiles.upload("warm.png", io.docverify.ports.contract.TestFiles.png())))
                .toCompletableFuture().join();
        provider.get(created.id()).toCompletableFuture().join();
        server.journal().clear();
        return this;
    }

    /** A personal customer in {@code document} status. */
    CustomerId customer() {
        return server.sandbox().createCustomer(NewCustomer.inStatus(CustomerType.PERSONAL, CustomerStatus.DOCUMENT))
                .toCompletableFuture().join().id();
    }

    /** How many documents the owner has, read from the backend directly (not over HTTP, not journaled). */
    int documentsOf(OwnerId owner) {
        return server.backend().list(owner).toCompletableFuture().join().total();
    }

    int requests(Route route) {
        return server.journal().count(route);
    }

    @Override
    public void close() {
        try {
            assertThat(server.openApiViolations()).as("requests and answers outside Dwolla's OpenAPI description")
                    .isEmpty();
        } finally {
            provider.close();
            server.faults().clear();
            if (ownsServer) {
                server.close();
            }
        }
    }
}
