package io.docverify.grpc.service;

import io.docverify.grpc.Calls;
import io.docverify.grpc.InstrumentedBackend;
import io.docverify.grpc.TestServer;
import org.junit.jupiter.api.BeforeEach;

/**
 * A behaviour on both transports whose backend counts what reaches the provider (bytes, chunks, how each upload
 * ended), so a test can tell that a refused stream was not read further. Each test starts with fresh counts and a
 * fresh customer awaiting documents.
 */
abstract class InstrumentedBehaviour extends TransportBehaviour {
    InstrumentedBackend backend;
    String customer;

    @Override
    TestServer startServer() {
        backend = new InstrumentedBackend();
        return TestServer.start(kind(), backend);
    }

    @BeforeEach
    void freshOwner() {
        backend.bytesSeen.set(0);
        backend.chunksSeen.set(0);
        backend.endings.clear();
        backend.stallAfterFirstChunk = false;
        customer = Calls.customerAwaitingDocuments(server);
    }

    /**
     * The most file bytes a client may get ahead of a server (or provider) that stopped reading, on this
     * transport: in process only what the server requested (measured: 1 MiB); on a socket Netty's flow-control
     * window and the client's buffer (measured: 2 to 3 MiB with 1 MiB chunks).
     */
    long clientHeadroomBytes() {
        return kind() == TestServer.Kind.IN_PROCESS ? 2L * MIB : 6L * MIB;
    }
}
