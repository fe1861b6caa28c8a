package io.docverify.adapter.inmemory.properties;

import java.util.ArrayList;
import java.util.List;

/**
 * The harnesses one example starts ({@code Parallel} starts two: one for its sequential pass, one for the
 * concurrent run), closed together when the example ends.
 */
final class Harnesses implements AutoCloseable {
    private final List<Harness> started = new ArrayList<>();

    synchronized Harness start(ModelState initial) {
        Harness harness = Harness.start(initial);
        started.add(harness);
        return harness;
    }

    @Override
    public synchronized void close() {
        started.forEach(Harness::close);
        started.clear();
    }
}
