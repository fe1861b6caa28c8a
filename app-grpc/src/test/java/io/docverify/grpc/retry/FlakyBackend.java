package io.docverify.grpc.retry;

import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import io.docverify.domain.error.DocumentError;
import io.docverify.grpc.WrappedInMemoryBackend;
import io.docverify.ports.out.DocumentPage;
import io.docverify.ports.out.DocumentSubmission;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The in-memory backend whose provider fails the next calls of an operation ({@code get}, {@code list},
 * {@code create}) with scripted errors, and counts every call that reached it: the server's side of a retry.
 */
final class FlakyBackend extends WrappedInMemoryBackend {
    private final Map<String, Queue<DocumentError>> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    /** The next call of the operation fails with the error (scripted errors are used in order). */
    void failNext(String operation, DocumentError error) {
        failures.computeIfAbsent(operation, o -> new ConcurrentLinkedQueue<>()).add(error);
    }

    /** How many calls of the operation reached the provider. */
    int calls(String operation) {
        return calls.computeIfAbsent(operation, o -> new AtomicInteger()).get();
    }

    void reset() {
        failures.clear();
        calls.clear();
    }

    private <T> CompletionStage<T> call(String operation, Supplier<CompletionStage<T>> real) {
        calls.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
        DocumentError failure = failures.getOrDefault(operation, new ConcurrentLinkedQueue<>()).poll();
        return failure != null ? CompletableFuture.failedFuture(failure.toException()) : real.get();
    }

    @Override
    public CompletionStage<Document> create(DocumentSubmission submission) {
        return call("create", () -> base.documents().create(submission));
    }

    @Override
    public CompletionStage<Document> get(DocumentId id) {
        return call("get", () -> base.documents().get(id));
    }

    @Override
    public CompletionStage<DocumentPage> list(OwnerId owner) {
        return call("list", () -> base.documents().list(owner));
    }

    @Override
    public String name() {
        return "flaky-inmemory";
    }
}
