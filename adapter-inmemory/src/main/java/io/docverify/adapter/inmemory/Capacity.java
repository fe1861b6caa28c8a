package io.docverify.adapter.inmemory;

import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.ErrorCode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stand-in's two caps ({@link InMemoryConfig#maxOwners()}, {@link InMemoryConfig#maxDocuments()}), so that a
 * sandbox that runs for weeks refuses new owners and documents with a clear error instead of running out of memory.
 * A place is reserved before anything is stored and released when the store did not happen, so concurrent creates
 * can never exceed a cap. The refusal is Dwolla's own for its resource limits: {@code 400 MaxNumberOfResources}.
 */
final class Capacity {
    /** Dwolla's spelling for its resource limits (a webhook subscription beyond the most, for instance). */
    static final String WIRE_CODE = "MaxNumberOfResources";

    private final int maxOwners;
    private final int maxDocuments;
    private final AtomicInteger owners = new AtomicInteger();
    private final AtomicInteger documents = new AtomicInteger();

    Capacity(InMemoryConfig config) {
        this.maxOwners = config.maxOwners();
        this.maxDocuments = config.maxDocuments();
    }

    /** Takes a place for a new owner; the refusal when the cap is reached. */
    Optional<DocumentError> reserveOwner() {
        return reserve(owners, maxOwners) ? Optional.empty() : Optional.of(full("owners", maxOwners));
    }

    void releaseOwner() {
        owners.decrementAndGet();
    }

    /** The refusal, if no place is left for another document (checked before an upload's bytes are read). */
    Optional<DocumentError> documentsFull() {
        return documents.get() >= maxDocuments ? Optional.of(full("documents", maxDocuments)) : Optional.empty();
    }

    /** Takes a place for a new document; the refusal when the cap is reached. */
    Optional<DocumentError> reserveDocument() {
        return reserve(documents, maxDocuments) ? Optional.empty() : Optional.of(full("documents", maxDocuments));
    }

    void releaseDocument() {
        documents.decrementAndGet();
    }

    /** Counts as they are after a reset ({@code 0, 0}) or a restore. */
    void set(int ownerCount, int documentCount) {
        owners.set(ownerCount);
        documents.set(documentCount);
    }

    int maxOwners() {
        return maxOwners;
    }

    int maxDocuments() {
        return maxDocuments;
    }

    private static boolean reserve(AtomicInteger count, int max) {
        while (true) {
            int now = count.get();
            if (now >= max) {
                return false;
            }
            if (count.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    private static DocumentError full(String what, int max) {
        return new DocumentError(ErrorCode.MAXIMUM_NUMBER_OF_RESOURCES, WIRE_CODE, "The maximum number of " + what
                + " (" + max + ") has been reached; this sandbox holds no more.", List.of(), Optional.empty());
    }
}
