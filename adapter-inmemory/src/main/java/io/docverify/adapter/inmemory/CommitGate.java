package io.docverify.adapter.inmemory;

import io.docverify.domain.Document;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One upload's way to its commit, so that a commit and an abandonment (a failure, or the caller's cancel)
 * exclude each other: an abandoned upload never commits, and the key is released exactly once, by whichever
 * came first and did not succeed.
 */
final class CommitGate {
    private static final int OPEN = 0;
    private static final int COMMITTING = 1;
    private static final int ABANDONED = 2;
    private final AtomicInteger state = new AtomicInteger(OPEN);

    Document commit(Runnable release, Supplier<Document> commit) {
        if (!state.compareAndSet(OPEN, COMMITTING)) {
            throw new CancellationException("the upload was abandoned before its commit");
        }
        try {
            return commit.get();
        } catch (RuntimeException refused) {
            release.run();
            throw refused;
        }
    }

    boolean abandon() {
        return state.compareAndSet(OPEN, ABANDONED);
    }
}
