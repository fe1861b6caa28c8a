package io.docverify.benchmarks;

/** A server under test on 127.0.0.1, bare or docverify. */
public interface BenchServer extends AutoCloseable {
    /** The bound port on 127.0.0.1. */
    int port();

    /** Stops the server and releases its threads. */
    @Override
    void close();
}
