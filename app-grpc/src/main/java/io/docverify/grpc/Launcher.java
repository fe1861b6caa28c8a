package io.docverify.grpc;

import io.docverify.grpc.tracing.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.docverify.grpc.backend.Backend;
import io.docverify.grpc.backend.Backends;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.docverify.grpc.config.ServiceConfig;
import io.docverify.grpc.security.ApiKeys;
import io.docverify.grpc.security.ConfiguredKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Starts the service from a configuration and tells scripts where it is: one line
 * {@code docverify listening on HOST:PORT} on {@code out} (and the port in the port file, if configured). With no
 * API key configured it generates a development key (every scope, named {@code development}) and prints it once on
 * {@code out}; configured keys are never printed or logged.
 */
public final class Launcher {
    /** The start of the line that announces the bound address. */
    public static final String LISTENING = "docverify listening on ";
    /** The start of the line that shows a generated development key. */
    public static final String DEVELOPMENT_KEY = "docverify development API key: ";

    private Launcher() {
    }

    /**
     * Builds the backend, starts the server on {@code transport} and announces it.
     *
     * @throws io.docverify.grpc.config.ConfigException if the backend cannot be built from the configuration
     * @throws IOException if the ports cannot be bound or the port file cannot be written
     */
    public static DocverifyServer launch(ServiceConfig config, DocverifyServer.Transport transport, PrintStream out)
            throws IOException {
        return launch(config, transport, out, Telemetry.fromEnvironment(System.getenv()));
    }

    /** As {@link #launch(ServiceConfig, DocverifyServer.Transport, PrintStream)}, traced with this OpenTelemetry. */
    public static DocverifyServer launch(ServiceConfig config, DocverifyServer.Transport transport, PrintStream out,
            OpenTelemetry openTelemetry) throws IOException {
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Backend backend;
        try {
            backend = Backends.create(config, registry, openTelemetry);
        } catch (RuntimeException e) {
            Telemetry.shutdown(openTelemetry);
            throw e;
        }
        ConfiguredKeys keys = config.apiKeys();
        if (keys.isEmpty()) {
            String generated = ApiKeys.generate();
            keys = ConfiguredKeys.development(generated);
            out.println(DEVELOPMENT_KEY + generated + "  (generated for this run, every scope, named '"
                    + ConfiguredKeys.DEVELOPMENT + "'; set DOCVERIFY_API_KEYS or DOCVERIFY_SCOPED_API_KEYS to "
                    + "choose your own)");
        }
        var server = new DocverifyServer(config, backend, ApiKeys.of(keys), transport, registry, openTelemetry);
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            backend.close();
            Telemetry.shutdown(openTelemetry);
            throw e;
        }
        try {
            if (config.portFile().isPresent()) {
                writePortFile(config.portFile().get(), server.port());
            }
        } catch (IOException e) {
            server.stop();
            throw e;
        }
        out.println(LISTENING + hostForDisplay(config.bindAddress()) + ":" + server.port());
        server.metricsPort().ifPresent(p -> out.println("docverify metrics on http://"
                + hostForDisplay(config.metricsBindAddress()) + ":" + p + "/metrics"));
        server.webhookPort().ifPresent(p -> out.println("docverify webhooks on "
                + (config.webhook().tls().isPresent() ? "https://" : "http://")
                + hostForDisplay(config.webhook().bindAddress()) + ":" + p + config.webhook().path()));
        out.flush();
        return server;
    }

    private static void writePortFile(Path file, int port) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".docverify-port", ".tmp");
        Files.writeString(tmp, port + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String hostForDisplay(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
