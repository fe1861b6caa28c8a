package io.docverify.adapter.inmemory.properties;

import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.adapter.inmemory.InMemoryDwolla;
import io.docverify.adapter.inmemory.properties.ModelState.DocRef;
import io.docverify.adapter.inmemory.properties.ModelState.Doc;
import io.docverify.application.DocumentEventBus;
import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.event.DocumentEvent;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.domain.owner.OwnerStatus;
import io.docverify.domain.review.FailureReason;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.domain.upload.UploadLimits;
import io.docverify.ports.file.FileUpload;
import io.docverify.ports.out.DocumentSubmission;
import io.docverify.ports.out.DocumentIdSource;
import io.docverify.ports.sandbox.NewBeneficialOwner;
import io.docverify.ports.sandbox.NewCustomer;
import io.docverify.ports.stream.Completions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The system under test as the stateful properties see it: an {@link InMemoryDwolla} with a small size limit
 * and immediate sandbox reviews, every event it publishes recorded, and the map from (owner, file) to the id
 * each successful upload returned, so that a command can name a document by its file. {@link #read} turns what
 * the adapter shows through its public API into a {@link ModelState}, and checks the {@link Invariants} on the
 * way. Thread-safe, as {@code Parallel} runs commands from several threads.
 */
final class Harness implements AutoCloseable {
    /** Sizes around {@link TestFile#SIZE_LIMIT} are cheap; the pending limit is Dwolla's four. */
    static final InMemoryConfig CONFIG = InMemoryConfig.DEFAULTS
            .withLimits(new UploadLimits(TestFile.SIZE_LIMIT, Invariants.MAX_PENDING))
            .withSandboxReviewDelay(Duration.ZERO);

    private final InMemoryDwolla dwolla;
    private final List<DocumentEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentHashMap<DocRef, DocumentId> idsByFile = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<DocumentId, DocRef> filesById = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, String> outcomes = new ConcurrentHashMap<>();
    private final AtomicInteger commandsSinceRead = new AtomicInteger();
    private volatile boolean lastRefused;
    private Snapshot previous;
    private int eventsRead;

    private Harness() {
        var bus = new DocumentEventBus();
        bus.subscribe(events::add);
        this.dwolla = new InMemoryDwolla(CONFIG, bus, DocumentIdSource.RANDOM);
    }

    /** A fresh adapter with the owners of a scenario's initial state (which has no documents yet). */
    static Harness start(ModelState initial) {
        if (!initial.documents().isEmpty()) {
            throw new IllegalArgumentException("a harness starts without documents");
        }
        var harness = new Harness();
        initial.owners().forEach(harness::create);
        harness.previous = Snapshot.take(harness.dwolla);
        return harness;
    }

    private void create(OwnerRef ref, String status) {
        if (ref.kind() == OwnerRef.OwnerKind.BENEFICIAL_OWNER) {
            join(dwolla.createBeneficialOwner(new NewBeneficialOwner(Optional.of((BeneficialOwnerId) ref.id()),
                    "John", "Doe", BeneficialOwnerStatus.fromWire(status))));
            return;
        }
        CustomerType type = ref.kind() == OwnerRef.OwnerKind.BUSINESS_CUSTOMER ? CustomerType.BUSINESS
                : ref.kind() == OwnerRef.OwnerKind.RECEIVE_ONLY_CUSTOMER ? CustomerType.RECEIVE_ONLY
                : CustomerType.PERSONAL;
        join(dwolla.createCustomer(new NewCustomer(Optional.of((CustomerId) ref.id()), type, "Jane", "Doe",
                Optional.empty(), CustomerStatus.fromWire(status))));
    }

    /** Carries out one step and records its answer: {@code ok} or the Dwolla code it was refused with. */
    void perform(int step, Action action) {
        String outcome;
        try {
            if (action instanceof Action.Upload upload) {
                upload(upload);
            } else if (action instanceof Action.Review review) {
                review(review);
            } else {
                move((Action.Move) action);
            }
            outcome = ModelState.OK;
        } catch (DocumentException refused) {
            outcome = refused.error().wireCode();
        }
        lastRefused = !ModelState.OK.equals(outcome);
        outcomes.put(step, outcome);
        commandsSinceRead.incrementAndGet();
    }

    private void upload(Action.Upload upload) {
        DocumentType type = DocumentType.fromWire(upload.type());
        TestFile file = upload.file();
        Document created = join(dwolla.create(DocumentSubmission.of(upload.owner().id(), type,
                FileUpload.ofBytes(file.fileName(), file.bytes()))));
        var ref = new DocRef(upload.owner(), file);
        DocumentId earlier = idsByFile.putIfAbsent(ref, created.id());
        Invariants.require(earlier == null, "a second document " + created.id() + " was made from " + ref);
        filesById.put(created.id(), ref);
    }

    private void review(Action.Review review) {
        DocumentId id = idsByFile.get(new DocRef(review.owner(), review.file()));
        if (id == null) {
            id = new DocumentId("never-issued");
            // The port is asynchronous: an unknown id is a failed stage, never an exception thrown by the call.
            CompletionStage<Document> lookup;
            try {
                lookup = dwolla.get(id);
            } catch (RuntimeException thrown) {
                throw new AssertionError("get(" + id + ") threw instead of returning a failed stage", thrown);
            }
            Invariants.require(Snapshot.orNotFound(lookup).isEmpty(), "get of an id never issued succeeded");
        }
        var decision = review.decision().accepts() ? ReviewDecision.accept()
                : ReviewDecision.reject(review.decision().rejectReasons().stream().map(FailureReason::of).toList());
        join(dwolla.reviewDocument(id, decision));
    }

    private void move(Action.Move move) {
        OwnerStatus status = move.status().ofCustomer()
                ? CustomerStatus.fromWire(move.status().wire()).orElseThrow()
                : BeneficialOwnerStatus.fromWire(move.status().wire()).orElseThrow();
        join(dwolla.moveOwner(move.owner().id(), status));
    }

    /**
     * The adapter's state in the model's words, after checking the invariants of this snapshot and of the
     * transition from the previous one.
     */
    synchronized ModelState read() {
        Snapshot now = Snapshot.take(dwolla);
        List<DocumentEvent> recorded;
        synchronized (events) {
            recorded = List.copyOf(events);
        }
        Invariants.checkSnapshot(now, dwolla);
        Invariants.checkTransition(previous, now, recorded.subList(eventsRead, recorded.size()),
                commandsSinceRead.getAndSet(0), lastRefused);
        previous = now;
        eventsRead = recorded.size();

        var owners = new TreeMap<OwnerRef, String>();
        var documents = new TreeMap<DocRef, Doc>();
        now.owners().forEach((ref, view) -> {
            owners.put(ref, view.status());
            for (Document d : view.documents()) {
                documents.put(fileOf(d.id()), new Doc(d.type().wire(), d.verificationStatus().wire(),
                        d.allFailureReasons().stream().map(FailureReason::reason).toList()));
            }
        });
        return new ModelState(owners, documents, new TreeMap<>(outcomes),
                recorded.stream().map(this::describe).toList());
    }

    private DocRef fileOf(DocumentId id) {
        DocRef ref = filesById.get(id);
        Invariants.require(ref != null, "document " + id + " exists but no upload returned it");
        return ref;
    }

    /** An event in the model's words (see {@link DwollaModel}). */
    private String describe(DocumentEvent e) {
        if (e instanceof DocumentEvent.OwnerStatusChanged change) {
            OwnerRef owner = OwnerRef.valueOf(ownerName(change));
            return "status " + owner + " " + change.from().wire() + "->" + change.to().wire();
        }
        DocRef ref = fileOf(new DocumentId(e.resourceId()));
        if (e instanceof DocumentEvent.DocumentFailed failed) {
            return "failed " + ref + " " + failed.reasons().stream().map(FailureReason::reason).toList();
        }
        return (e instanceof DocumentEvent.DocumentUploaded ? "uploaded " : "approved ") + ref;
    }

    private static String ownerName(DocumentEvent.OwnerStatusChanged change) {
        for (OwnerRef ref : OwnerRef.values()) {
            if (ref.id().equals(change.owner())) {
                return ref.name();
            }
        }
        throw new AssertionError("a status event for an owner no scenario created: " + change);
    }

    /** The value of a stage, or its {@link DocumentException} rethrown as it is. */
    static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (Completions.unwrap(e) instanceof DocumentException refused) {
                throw refused;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        dwolla.close();
    }
}
