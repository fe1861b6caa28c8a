package io.docverify.benchmarks;

import io.docverify.domain.CustomerId;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.grpc.DocverifyServer;
import io.docverify.grpc.Transports;
import io.docverify.grpc.backend.Backend;
import io.docverify.grpc.backend.Backends;
import io.docverify.grpc.config.ConfigReader;
import io.docverify.grpc.config.ServiceConfig;
import io.docverify.grpc.security.ApiKeys;
import io.docverify.ports.sandbox.NewCustomer;
import io.docverify.ports.sandbox.SandboxUseCase;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * docverify as {@code Main} runs it, in this JVM: the configuration read by {@link ConfigReader} (defaults: the
 * in-memory backend, API keys checked, per-RPC metrics and the Prometheus endpoint on), the backend built by
 * {@link Backends}, Netty on 127.0.0.1 from {@link Transports#netty()}. Only the ports differ (free ones) and
 * the API key is fixed.
 */
public final class DocverifyBenchServer implements BenchServer {
    private final DocverifyServer server;
    private final Backend backend;

    private DocverifyBenchServer(DocverifyServer server, Backend backend) {
        this.server = server;
        this.backend = backend;
    }

    /** The environment the benchmark server reads: free ports, the benchmark key, everything else default. */
    public static Map<String, String> environment() {
        var env = new HashMap<String, String>();
        env.put("DOCVERIFY_PORT", "0");
        env.put("DOCVERIFY_METRICS_PORT", "0");
        env.put("DOCVERIFY_API_KEYS", BenchClient.KEY);
        return env;
    }

    public static DocverifyBenchServer start() {
        return start(environment());
    }

    public static DocverifyBenchServer start(Map<String, String> environment) {
        ServiceConfig config = ConfigReader.read(environment);
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Backend backend = Backends.create(config, registry);
        try {
            var server = new DocverifyServer(config, backend, ApiKeys.of(config.apiKeys()), Transports.netty(),
                    registry).start();
            return new DocverifyBenchServer(server, backend);
        } catch (IOException e) {
            backend.close();
            throw new UncheckedIOException(e);
        }
    }

    /** A new personal customer in {@code document} status, created in-process (not over the socket). */
    public CustomerId newUploader() {
        SandboxUseCase sandbox = backend.sandbox().orElseThrow();
        return sandbox.createCustomer(NewCustomer.inStatus(CustomerType.PERSONAL,
                CustomerStatus.DOCUMENT)).toCompletableFuture().join().id();
    }

    /** Creates {@code count} uploaders. */
    public List<CustomerId> newUploaders(int count) {
        var ids = new java.util.ArrayList<CustomerId>(count);
        for (int i = 0; i < count; i++) {
            ids.add(newUploader());
        }
        return ids;
    }

    public DocverifyServer server() {
        return server;
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
