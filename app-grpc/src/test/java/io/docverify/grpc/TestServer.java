package io.docverify.grpc;

import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.grpc.backend.Backend;
import io.docverify.grpc.backend.InMemoryBackend;
import io.docverify.grpc.config.ConfigReader;
import io.docverify.grpc.config.ServiceConfig;
import io.docverify.grpc.security.ApiKeys;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.SandboxServiceGrpc;
import io.docverify.ports.out.Journal;
import io.grpc.ClientInterceptor;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A docverify server for one test class, in-process or on a 127.0.0.1 socket, with an authenticated channel. */
public final class TestServer implements AutoCloseable {
    /** The API key every test server accepts. */
    public static final String KEY = "test-api-key-0123456789";
    private static final AtomicInteger NAMES = new AtomicInteger();

    /** The two transports every RPC is tested on. */
    public enum Kind { IN_PROCESS, SOCKET }

    private final DocverifyServer server;
    private final ManagedChannel channel;
    private final Backend backend;

    private TestServer(DocverifyServer server, ManagedChannel channel, Backend backend) {
        this.server = server;
        this.channel = channel;
        this.backend = backend;
    }

    /** The settings of a test server: a known key, no metrics port, a short grace, instant sample reviews. */
    public static Map<String, String> settings() {
        var s = new HashMap<String, String>();
        s.put("DOCVERIFY_PORT", "0");
        s.put("DOCVERIFY_API_KEYS", KEY);
        s.put("DOCVERIFY_METRICS_PORT", "off");
        s.put("DOCVERIFY_SHUTDOWN_GRACE", "2s");
        return s;
    }

    public static TestServer start(Kind kind) {
        return start(kind, new InMemoryBackend(InMemoryConfig.DEFAULTS.withSandboxReviewDelay(Duration.ZERO)));
    }

    /** A server on the in-memory backend (sample reviews after their usual delay) with these {@link #settings()}. */
    public static TestServer start(Kind kind, Map<String, String> settings) {
        return start(kind, new InMemoryBackend(InMemoryConfig.DEFAULTS), ConfigReader.read(settings));
    }

    public static TestServer start(Kind kind, Backend backend) {
        return start(kind, backend, ConfigReader.read(settings()));
    }

    public static TestServer start(Kind kind, Backend backend, ServiceConfig config) {
        return start(kind, backend, config, null);
    }

    /**
     * A server whose ListDocumentHistory reads {@code journal} (a test writing entries itself) instead of the
     * journal the service records into; null: the service's own.
     */
    public static TestServer start(Kind kind, Backend backend, ServiceConfig config, Journal journal) {
        try {
            if (kind == Kind.IN_PROCESS) {
                String name = "docverify-test-" + NAMES.incrementAndGet();
                var server = new DocverifyServer(config, backend, keys(config),
                        c -> InProcessServerBuilder.forName(name),
                        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), OpenTelemetry.noop(), journal).start();
                return new TestServer(server, InProcessChannelBuilder.forName(name).build(), backend);
            }
            var server = new DocverifyServer(config, backend, keys(config), Transports.netty(),
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), OpenTelemetry.noop(), journal).start();
            var channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.port(),
                    InsecureChannelCredentials.create()).build();
            return new TestServer(server, channel, backend);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The configured keys, or {@link #KEY} (with every scope) if the configuration has none. */
    private static ApiKeys keys(ServiceConfig config) {
        return config.apiKeys().isEmpty() ? ApiKeys.of(List.of(KEY)) : ApiKeys.of(config.apiKeys());
    }

    /** Attaches {@code authorization: Bearer <key>}. */
    public static ClientInterceptor bearer(String key) {
        var headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + key);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    public DocumentServiceGrpc.DocumentServiceBlockingStub documents() {
        return DocumentServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(KEY))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    public DocumentServiceGrpc.DocumentServiceStub documentsAsync() {
        return DocumentServiceGrpc.newStub(channel).withInterceptors(bearer(KEY));
    }

    public SandboxServiceGrpc.SandboxServiceBlockingStub sandbox() {
        return SandboxServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(KEY))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    /** The document service called with another key. */
    public DocumentServiceGrpc.DocumentServiceBlockingStub documents(String key) {
        return DocumentServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(key))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    /** The asynchronous document service called with another key. */
    public DocumentServiceGrpc.DocumentServiceStub documentsAsync(String key) {
        return DocumentServiceGrpc.newStub(channel).withInterceptors(bearer(key));
    }

    /** The sandbox service called with another key. */
    public SandboxServiceGrpc.SandboxServiceBlockingStub sandbox(String key) {
        return SandboxServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(key))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    public ManagedChannel channel() {
        return channel;
    }

    public DocverifyServer server() {
        return server;
    }

    public Backend backend() {
        return backend;
    }

    @Override
    public void close() {
        channel.shutdownNow();
        server.stop();
    }
}
