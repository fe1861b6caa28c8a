package io.docverify.grpc;

import io.docverify.grpc.config.ConfigException;
import io.docverify.grpc.config.ConfigReader;
import io.docverify.grpc.config.ServiceConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * {@code java -jar docverify-grpc.jar [config.properties]}: reads the configuration (environment variables over
 * the optional file), starts the service and serves until the process is stopped (SIGTERM or Ctrl-C runs a
 * graceful shutdown). Exit status 0 after a graceful shutdown, 2 for a configuration error, 1 when the service
 * cannot start.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        // Before the first log call: LogConfiguration picks the format from this property.
        String logFormat = Optional.ofNullable(System.getenv("DOCVERIFY_LOG_FORMAT")).map(String::trim)
                .filter(v -> !v.isEmpty()).orElse("text").toLowerCase(Locale.ROOT);
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            System.err.println("docverify: configuration error: DOCVERIFY_LOG_FORMAT must be 'text' or 'json', not '"
                    + logFormat + "'");
            System.exit(2);
        }
        System.setProperty("DOCVERIFY_LOG_FORMAT", logFormat);
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        ServiceConfig config;
        DocverifyServer server;
        try {
            config = ConfigReader.load(System.getenv(),
                    args.length > 0 ? Optional.of(Path.of(args[0])) : Optional.empty());
            server = Launcher.launch(config, Transports.netty(), System.out);
        } catch (ConfigException e) {
            System.err.println("docverify: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        } catch (IOException | RuntimeException e) {
            System.err.println("docverify: cannot start: " + e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "docverify-shutdown"));
        stopOnSignal(server, "TERM");
        stopOnSignal(server, "INT");
        server.blockUntilShutdown();
    }

    /**
     * SIGTERM and SIGINT stop the server gracefully and exit with 0 once it stopped (1 if stopping failed). The
     * JVM's own handling runs the shutdown hooks and then exits with 128 + the signal's number (143 for SIGTERM)
     * whatever the hooks do: a hook cannot choose the status, and halting from a hook would cut the other hooks
     * short. So the signal is handled here ({@code sun.misc.Signal}, in the JDK's {@code jdk.unsupported} module,
     * which is meant for this), and {@link System#exit} then runs the hooks as usual; the hook above still stops
     * the server for any other exit. (javac warns about the internal API; the warning cannot be suppressed.) If the
     * JVM does not let the signal be handled (e.g. {@code -Xrs}), the hook
     * alone stops the server and the status is the JVM's.
     */
    private static void stopOnSignal(DocverifyServer server, String name) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                int status = 0;
                try {
                    server.stop();
                } catch (RuntimeException e) {
                    System.err.println("docverify: the shutdown failed: " + e);
                    status = 1;
                }
                System.exit(status);
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // The JVM keeps this signal; its default handling (the shutdown hook) applies.
        }
    }
}
