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
 * graceful shutdown). Exit status 2 for a configuration error, 1 when the service cannot start.
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
        server.blockUntilShutdown();
    }
}
