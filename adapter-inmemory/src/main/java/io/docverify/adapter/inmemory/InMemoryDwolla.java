package io.docverify.adapter.inmemory;

import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import io.docverify.domain.OwnerDocuments;
import io.docverify.domain.Result;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.error.FieldError;
import io.docverify.domain.owner.BeneficialOwner;
import io.docverify.domain.owner.Customer;
import io.docverify.domain.owner.Owner;
import io.docverify.domain.owner.OwnerStatus;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.domain.upload.ContentInspector;
import io.docverify.domain.upload.InspectedFile;
import io.docverify.domain.upload.UploadRules;
import io.docverify.ports.stream.ChunkStreams;
import io.docverify.ports.out.DocumentPage;
import io.docverify.ports.out.DocumentSubmission;
import io.docverify.ports.out.DocumentEventPublisher;
import io.docverify.ports.out.DocumentIdSource;
import io.docverify.ports.out.DocumentProvider;
import io.docverify.ports.sandbox.NewBeneficialOwner;
import io.docverify.ports.sandbox.NewCustomer;
import io.docverify.ports.sandbox.SandboxUseCase;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A faithful, thread-safe, offline stand-in for Dwolla's document API: the embedded default of docverify.
 *
 * <p>Where the work happens: here, as it would at Dwolla, the system of record. An upload loads the owner, applies
 * the idempotency key, runs every upload rule (through {@link OwnerDocuments}) while the file streams through the
 * inspector, and commits the document and its events atomically; reviews (the sandbox's, or automatic ones for
 * Dwolla's sample images) are applied here too. The application services only map onto this provider and add what
 * is docverify's own.
 *
 * <p>Every rule is the domain's ({@link OwnerDocuments}, {@link io.docverify.domain.upload.UploadRules}); this
 * class only stores aggregates and streams files through a {@link ContentInspector}. It keeps no file bytes:
 * a file is inspected chunk by chunk (kind, size, SHA-256) and dropped, so the memory an upload holds is a few
 * chunks whatever the file size.
 *
 * <p>Concurrency: each owner's {@link OwnerDocuments} is immutable and replaced atomically
 * ({@link ConcurrentHashMap#compute}), and the rules are checked inside that swap, so concurrent uploads for one
 * owner can never exceed four pending documents, a review can never be lost or applied twice, and readers always
 * see a whole state. Events are queued inside the swap and published after it, outside any lock, in the order
 * of the owner's changes ({@link OwnerEventQueue}); under contention another thread may publish them shortly
 * after the command returned. Every event is kept first in the {@link #events() EventLog} (Dwolla's event
 * resources, 30 days), then handed to the publisher given.
 */
public final class InMemoryDwolla implements DocumentProvider, SandboxUseCase, AutoCloseable {
    private final InMemoryConfig config;
    private final DocumentEventPublisher events;
    private final EventLog eventLog;
    private final DocumentIdSource ids;
    private final ConcurrentHashMap<OwnerId, OwnerDocuments> owners = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<DocumentId, OwnerId> documentOwners = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<OwnerId, OwnerEventQueue> ownerEvents = new ConcurrentHashMap<>();
    private final IdempotencyRegistry idempotency;
    private final Capacity capacity;
    private final ScheduledExecutorService reviewer;

    /** A stand-in with Dwolla's defaults that publishes no events. */
    public InMemoryDwolla() {
        this(InMemoryConfig.DEFAULTS, DocumentEventPublisher.NONE, DocumentIdSource.RANDOM);
    }

    /** A stand-in that publishes every event to {@code events} and keeps them in a new 30-day {@link EventLog}. */
    public InMemoryDwolla(InMemoryConfig config, DocumentEventPublisher events, DocumentIdSource ids) {
        this(config, events, ids, new EventLog(config.clock()));
    }

    /** A stand-in that publishes every event to {@code eventLog} first, then to {@code events}. */
    public InMemoryDwolla(InMemoryConfig config, DocumentEventPublisher events, DocumentIdSource ids,
            EventLog eventLog) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(events, "events");
        this.eventLog = Objects.requireNonNull(eventLog, "eventLog");
        this.events = event -> {
            eventLog.publish(event);
            events.publish(event);
        };
        this.ids = Objects.requireNonNull(ids, "ids");
        this.idempotency = new IdempotencyRegistry(config.idempotencyWindow(), config.clock());
        this.capacity = new Capacity(config);
        this.reviewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "docverify-sandbox-reviewer");
            t.setDaemon(true);
            return t;
        });
    }

    // ---------------------------------------------------------------- DocumentProvider

    @Override
    public CompletionStage<Document> create(DocumentSubmission command) {
        Objects.requireNonNull(command, "command");
        OwnerId ownerId = command.owner();
        OwnerDocuments current = owners.get(ownerId);
        if (current == null) {
            return failed(uploadOwnerNotFound(ownerId));
        }
        var key = command.idempotencyKey();
        IdempotencyRegistry.Claim claim = key.map(idempotency::claim).orElse(new IdempotencyRegistry.Claimed());
        if (claim instanceof IdempotencyRegistry.Conflict) {
            return failed(DocumentError.of(ErrorCode.CONFLICT,
                    "A request with this Idempotency-Key is still being processed."));
        }
        Optional<DocumentError> refusal = claim instanceof IdempotencyRegistry.Replay
                ? Optional.empty() // the original request passed; its answer is replayed whatever the owner is now
                : current.precheck().or(capacity::documentsFull);
        Runnable release = claim instanceof IdempotencyRegistry.Claimed && key.isPresent()
                ? () -> idempotency.release(key.get())
                : () -> { };
        if (refusal.isPresent()) {
            release.run();
            return failed(refusal.get());
        }
        var inspector = new ContentInspector(command.type(), current.owner().isBusiness(), config.limits());
        var attempt = new CommitGate();
        CompletableFuture<Void> reading = ChunkStreams.drain(command.file().content(), inspector::update);
        CompletableFuture<Document> result = reading
                .thenApply(done -> command.file().declaredDigest().verify(inspector.finish().orThrow()))
                .thenApply(file -> attempt.commit(release, () -> claim instanceof IdempotencyRegistry.Replay replay
                        ? replay(replay, command, file)
                        : commit(command, file)));
        result.whenComplete((document, error) -> {
            if (error != null && attempt.abandon()) {
                release.run(); // failed or cancelled before committing: the key is free at once
            }
        });
        // The caller's cancel stops the reading: a file that did not complete never becomes a document.
        return ChunkStreams.cancelThrough(result, reading);
    }

    @Override
    public CompletionStage<Document> get(DocumentId id) {
        Objects.requireNonNull(id, "id");
        Result<Document> found = find(id);
        // An unknown id fails the stage like every other refusal; throwing here would escape callers that
        // compose the stage (exceptionally, handle) instead of joining it.
        return found instanceof Result.Refused<Document> refused
                ? failed(refused.error())
                : CompletableFuture.completedFuture(found.orThrow());
    }

    @Override
    public CompletionStage<DocumentPage> list(OwnerId owner) {
        Objects.requireNonNull(owner, "owner");
        OwnerDocuments current = owners.get(owner);
        if (current == null) {
            return failed(ownerNotFound(owner));
        }
        return CompletableFuture.completedFuture(DocumentPage.complete(
                current.documents().stream().sorted(Document.NEWEST_FIRST).toList()));
    }

    // ---------------------------------------------------------------- SandboxUseCase

    @Override
    public CompletionStage<Customer> createCustomer(NewCustomer request) {
        Objects.requireNonNull(request, "request");
        CustomerId id = request.id().orElseGet(() -> new CustomerId(UUID.randomUUID().toString()));
        var customer = new Customer(id, request.type(), SandboxConventions.statusOf(request));
        return register(customer);
    }

    @Override
    public CompletionStage<BeneficialOwner> createBeneficialOwner(NewBeneficialOwner request) {
        Objects.requireNonNull(request, "request");
        BeneficialOwnerId id = request.id().orElseGet(() -> new BeneficialOwnerId(UUID.randomUUID().toString()));
        return register(new BeneficialOwner(id, SandboxConventions.statusOf(request)));
    }

    @Override
    public CompletionStage<Owner> owner(OwnerId id) {
        Objects.requireNonNull(id, "id");
        OwnerDocuments current = owners.get(id);
        return current == null ? failed(ownerNotFound(id)) : CompletableFuture.completedFuture(current.owner());
    }

    @Override
    public CompletionStage<Owner> moveOwner(OwnerId id, OwnerStatus status) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        boolean kindMatches = id instanceof CustomerId
                ? status instanceof io.docverify.domain.owner.CustomerStatus
                : status instanceof io.docverify.domain.owner.BeneficialOwnerStatus;
        if (!kindMatches) {
            return failed(DocumentError.validation(FieldError.INVALID, "/status",
                    "Status " + status.wire() + " is not a " + id.kind() + " status."));
        }
        return apply(id, aggregate -> Result.ok(aggregate.moveOwner(status, config.clock().instant())))
                .thenApply(change -> change.after().owner());
    }

    @Override
    public CompletionStage<Document> reviewDocument(DocumentId id, ReviewDecision decision) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(decision, "decision");
        OwnerId owner = documentOwners.get(id);
        if (owner == null) {
            return failed(documentNotFound());
        }
        return apply(owner, aggregate -> aggregate.review(id, decision, config.clock().instant()))
                .thenApply(change -> change.document().orElseThrow());
    }

    /** Every event, as Dwolla's event resources: read them back ({@code GET /events}) or listen in process. */
    public EventLog events() {
        return eventLog;
    }

    /** Stops the sandbox reviewer; pending automatic reviews of sample images are dropped. */
    @Override
    public void close() {
        reviewer.shutdownNow();
    }

    // ---------------------------------------------------------------- internals

    private Document commit(DocumentSubmission command, InspectedFile file) {
        capacity.reserveDocument().ifPresent(full -> {
            throw full.toException();
        });
        DocumentId id = ids.next();
        // Index the id first, so that a listener of the upload event can already read the document.
        if (documentOwners.putIfAbsent(id, command.owner()) != null) {
            capacity.releaseDocument();
            throw new IllegalStateException("the id source repeated document id " + id);
        }
        Result<OwnerDocuments.Change> outcome = applyNow(command.owner(),
                aggregate -> aggregate.upload(id, command.type(), file, config.clock().instant()));
        if (outcome instanceof Result.Refused<OwnerDocuments.Change> refused) {
            documentOwners.remove(id);
            capacity.releaseDocument();
            throw refused.error().toException();
        }
        Document created = outcome.orThrow().document().orElseThrow();
        command.idempotencyKey().ifPresent(key -> idempotency.complete(key,
                new IdempotencyRegistry.RequestFingerprint(command.owner(), command.type(), file.fingerprint()),
                id));
        SandboxImages.decisionFor(file.fingerprint()).ifPresent(decision -> scheduleReview(id, decision));
        return created;
    }

    private Document replay(IdempotencyRegistry.Replay replay, DocumentSubmission command, InspectedFile file) {
        var request = new IdempotencyRegistry.RequestFingerprint(command.owner(), command.type(), file.fingerprint());
        if (!replay.request().equals(request)) {
            throw DocumentError.of(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for a different request within the last 24 hours.")
                    .toException();
        }
        return find(replay.document()).orThrow();
    }

    private void scheduleReview(DocumentId id, ReviewDecision decision) {
        Runnable review = () -> reviewDocument(id, decision).exceptionally(alreadyReviewed -> null);
        if (config.sandboxReviewDelay().isZero()) {
            review.run();
        } else {
            reviewer.schedule(review, config.sandboxReviewDelay().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Runs a command on one owner's aggregate atomically and publishes its events afterwards. The result is the
     * change, or the refusal (the aggregate is then left as it was).
     */
    private Result<OwnerDocuments.Change> applyNow(OwnerId ownerId,
            Function<OwnerDocuments, Result<OwnerDocuments.Change>> command) {
        @SuppressWarnings("unchecked")
        Result<OwnerDocuments.Change>[] outcome = new Result[1];
        OwnerEventQueue queue = ownerEvents.get(ownerId);
        owners.computeIfPresent(ownerId, (k, aggregate) -> {
            outcome[0] = command.apply(aggregate);
            if (outcome[0] instanceof Result.Ok<OwnerDocuments.Change> ok) {
                queue.enqueue(ok.value().events()); // inside the swap: the queue's order is the change order
                return ok.value().after();
            }
            return aggregate;
        });
        if (outcome[0] == null) {
            return Result.refused(ownerNotFound(ownerId));
        }
        queue.drainTo(events);
        return outcome[0];
    }

    /** {@link #applyNow} as a completed stage. */
    private CompletableFuture<OwnerDocuments.Change> apply(OwnerId ownerId,
            Function<OwnerDocuments, Result<OwnerDocuments.Change>> command) {
        Result<OwnerDocuments.Change> outcome = applyNow(ownerId, command);
        return outcome instanceof Result.Refused<OwnerDocuments.Change> refused
                ? failed(refused.error())
                : CompletableFuture.completedFuture(outcome.orThrow());
    }

    private <T extends Owner> CompletionStage<T> register(T owner) {
        Optional<DocumentError> full = capacity.reserveOwner();
        if (full.isPresent()) {
            return failed(full.get()); // nothing stored
        }
        ownerEvents.putIfAbsent(owner.id(), new OwnerEventQueue()); // before the owner can be changed
        OwnerDocuments previous = owners.putIfAbsent(owner.id(), OwnerDocuments.of(owner, config.limits()));
        if (previous != null) {
            capacity.releaseOwner();
            return failed(DocumentError.validation("Duplicate", "/id",
                    "A " + owner.id().kind() + " with this id already exists."));
        }
        return CompletableFuture.completedFuture(owner);
    }

    private Result<Document> find(DocumentId id) {
        OwnerId owner = documentOwners.get(id);
        OwnerDocuments aggregate = owner == null ? null : owners.get(owner);
        Optional<Document> document = aggregate == null ? Optional.empty() : aggregate.document(id);
        return document.<Result<Document>>map(Result::ok).orElseGet(() -> Result.refused(documentNotFound()));
    }

    private static DocumentError ownerNotFound(OwnerId owner) {
        return owner instanceof CustomerId
                ? DocumentError.of(ErrorCode.NOT_FOUND, "Customer not found. Check CustomerId.")
                : DocumentError.of(ErrorCode.NOT_FOUND, "Beneficial owner not found. Check BeneficialOwnerId.");
    }

    /** Rule 0 of the upload rules ({@code ownerExists}): the refusal names it. */
    private static DocumentError uploadOwnerNotFound(OwnerId owner) {
        return UploadRules.Named.OWNER_EXISTS.refusal(ownerNotFound(owner));
    }

    private static DocumentError documentNotFound() {
        return DocumentError.of(ErrorCode.NOT_FOUND, "Document not found.");
    }

    private static <T> CompletableFuture<T> failed(DocumentError error) {
        return CompletableFuture.failedFuture(error.toException());
    }

    /** Number of remembered idempotency keys (for tests). */
    int idempotencyKeys() {
        return idempotency.size();
    }

    /** All owners' documents, for invariant checks in tests. */
    List<OwnerDocuments> snapshot() {
        return List.copyOf(owners.values());
    }

    /** Every owner with its documents, as they are now (the sandbox's control API and reviewer page read it). */
    public List<OwnerDocuments> owners() {
        return snapshot();
    }

    /**
     * Fills an empty stand-in with owners and their documents as they were stored (a sandbox's state file), each
     * rebuilt by {@link OwnerDocuments#restore} under this stand-in's upload limits, without replaying a rule or
     * raising an event. Idempotency keys are not restored.
     *
     * @throws IllegalStateException    if the stand-in already holds owners
     * @throws IllegalArgumentException if the facts contradict each other (an owner or a document id twice) or
     *                                  exceed {@link InMemoryConfig#maxOwners()} / {@link InMemoryConfig#maxDocuments()}
     */
    public synchronized void restore(List<OwnerDocuments> stored) {
        if (!owners.isEmpty()) {
            throw new IllegalStateException("restore needs an empty sandbox");
        }
        int documents = stored.stream().mapToInt(o -> o.documents().size()).sum();
        if (stored.size() > capacity.maxOwners() || documents > capacity.maxDocuments()) {
            throw new IllegalArgumentException("the state holds " + stored.size() + " owners and " + documents
                    + " documents, more than the caps (" + capacity.maxOwners() + " owners, "
                    + capacity.maxDocuments() + " documents)");
        }
        var rebuilt = new java.util.HashMap<OwnerId, OwnerDocuments>();
        var index = new java.util.HashMap<DocumentId, OwnerId>();
        for (OwnerDocuments facts : stored) {
            OwnerDocuments aggregate = OwnerDocuments.restore(facts.owner(), facts.documents(), facts.fingerprints(),
                    config.limits());
            if (rebuilt.putIfAbsent(aggregate.owner().id(), aggregate) != null) {
                throw new IllegalArgumentException("owner " + aggregate.owner().id() + " is stored twice");
            }
            for (Document document : aggregate.documents()) {
                if (index.putIfAbsent(document.id(), aggregate.owner().id()) != null) {
                    throw new IllegalArgumentException("document " + document.id() + " is stored twice");
                }
            }
        }
        rebuilt.keySet().forEach(id -> ownerEvents.put(id, new OwnerEventQueue()));
        documentOwners.putAll(index);
        owners.putAll(rebuilt);
        capacity.set(rebuilt.size(), index.size());
    }

    /**
     * Forgets every owner, document and idempotency key (the sandbox's reset). The event log is kept; pending
     * automatic reviews of sample images then find no document and do nothing.
     */
    public void reset() {
        owners.clear();
        documentOwners.clear();
        ownerEvents.clear();
        idempotency.clear();
        capacity.set(0, 0);
    }
}
