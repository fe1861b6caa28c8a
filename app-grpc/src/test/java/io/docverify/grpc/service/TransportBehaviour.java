package io.docverify.grpc.service;

import io.docverify.grpc.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A behaviour of the service that holds on both transports: one subclass per transport ({@code *InProcessTest},
 * {@code *SocketTest}) names it, and each class runs its tests against one server of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TransportBehaviour {
    static final int MIB = 1024 * 1024;

    TestServer server;

    abstract TestServer.Kind kind();

    /** The server of this class, on the in-memory backend unless a behaviour needs another. */
    TestServer startServer() {
        return TestServer.start(kind());
    }

    @BeforeAll
    void start() {
        server = startServer();
    }

    @AfterAll
    void stop() {
        server.close();
    }
}
