package io.docverify.grpc.load;

import io.docverify.grpc.Calls;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.WatchRecorder;
import io.docverify.grpc.hostile.LeakMarker;
import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentProto.DocumentType;
import io.docverify.grpc.v1.DocumentProto.FailureReason;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentsRequest;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentsResponse;
import io.docverify.grpc.v1.SandboxServiceGrpc;
import io.docverify.grpc.v1.SandboxServiceProto.ReviewDecision;
import io.docverify.grpc.v1.SandboxServiceProto.ReviewDocumentRequest;
import io.docverify.ports.contract.TestFiles;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One of the load test's clients, on its own channel (its own TCP connection): a seeded random mix of uploads
 * (plain, under a fresh idempotency key, under a key shared with other clients, a replay of its own last keyed
 * upload, the same file again without a key), gets, lists, sandbox reviews and watches over the shared owners,
 * until the end of the run. Every answer is counted and checked against what it may be.
 */
final class LoadClient implements Runnable {
    private static final Set<String> UPLOAD_REFUSALS = Set.of("OK", "RESOURCE_EXHAUSTED maximumNumberOfResources",
            "FAILED_PRECONDITION invalidResourceState");
    private static final Set<String> CONTESTED = union(UPLOAD_REFUSALS, "ABORTED Conflict");
    private static final Set<String> RESEND = Set.of("ALREADY_EXISTS DuplicateResource",
            "RESOURCE_EXHAUSTED maximumNumberOfResources", "FAILED_PRECONDITION invalidResourceState");
    private static final Set<String> OK = Set.of("OK");
    private static final Set<String> REVIEW = Set.of("OK", "FAILED_PRECONDITION invalidResourceState");
    /** Reasons after which a customer stays in {@code document} (README, "What a review does to the owner"). */
    private static final List<String> STAYING_REASONS = List.of("BusinessDocNotSupported",
            "ForeignPassportNotAllowed", "ScanIdExpired", "ScanIdTypeNotSupported", "ScanIdUnrecognized",
            "ScanNotReadable", "ScanNotUploaded", "SomeReasonDwollaAddsLater");
    private static final DocumentType[] TYPES = {DocumentType.DOCUMENT_TYPE_PASSPORT,
            DocumentType.DOCUMENT_TYPE_LICENSE, DocumentType.DOCUMENT_TYPE_ID_CARD};
    private static final int MAX_OPEN_WATCHES = 2;

    private final LoadState state;
    private final Random random;
    private final long endNanos;
    private final long hardEndNanos;
    private final java.util.function.BooleanSupplier enough;
    private final DocumentServiceGrpc.DocumentServiceStub async;
    private final DocumentServiceGrpc.DocumentServiceBlockingStub documents;
    private final SandboxServiceGrpc.SandboxServiceBlockingStub sandbox;
    private final List<Watch> watches = new ArrayList<>();
    private LoadState.Request lastKeyed;
    private Document lastKeyedDocument;

    private record Watch(String documentId, WatchRecorder recorder) {
    }

    /**
     * Runs until {@code endNanos}; past it, on a machine too slow to have reached the rules by then, until
     * {@code enough} says so or {@code hardEndNanos}.
     */
    LoadClient(ManagedChannel channel, LoadState state, long seed, long endNanos, long hardEndNanos,
            java.util.function.BooleanSupplier enough) {
        this.state = state;
        this.random = new Random(seed);
        this.endNanos = endNanos;
        this.hardEndNanos = hardEndNanos;
        this.enough = enough;
        this.async = DocumentServiceGrpc.newStub(channel).withInterceptors(TestServer.bearer(TestServer.KEY));
        this.documents = DocumentServiceGrpc.newBlockingStub(channel)
                .withInterceptors(TestServer.bearer(TestServer.KEY));
        this.sandbox = SandboxServiceGrpc.newBlockingStub(channel).withInterceptors(TestServer.bearer(TestServer.KEY));
    }

    @Override
    public void run() {
        while (System.nanoTime() < endNanos || (!enough.getAsBoolean() && System.nanoTime() < hardEndNanos)) {
            int dice = random.nextInt(100);
            if (dice < 20) {
                upload("upload", fresh(null), UPLOAD_REFUSALS);
            } else if (dice < 32) {
                keyedUpload();
            } else if (dice < 37) {
                upload("upload.contested", state.contested.get(random.nextInt(state.contested.size())), CONTESTED);
            } else if (dice < 41) {
                replayLastKeyed();
            } else if (dice < 44) {
                resend();
            } else if (dice < 62) {
                get();
            } else if (dice < 80) {
                list();
            } else if (dice < 97) {
                review();
            } else {
                watch();
            }
        }
        finishWatches();
    }

    private LoadState.Request fresh(String key) {
        LoadState.Owner owner = state.someOwner(random);
        int size = 64 + random.nextInt(32 * 1024);
        byte[] file = random.nextInt(10) < 7 ? TestFiles.png(size)
                : TestFiles.withSignature(TestFiles.JPEG_SIGNATURE, size);
        return new LoadState.Request(owner, TYPES[random.nextInt(TYPES.length)], LeakMarker.mark(file), key);
    }

    /** Sends the request; returns the document, or null when it was refused. */
    private Document upload(String operation, LoadState.Request request, Set<String> allowed) {
        int chunk = random.nextBoolean() ? 8 * 1024 : 16 * 1024;
        try {
            Document d = Calls.await(Calls.send(async, Calls.messages(request.metadata(), request.file(), chunk)));
            state.outcomes.record(operation, null, allowed);
            if (!request.owner().owns(d) || d.getType() != request.type()) {
                state.breaches.add(operation + " answered a document of another owner or type: " + d);
            }
            state.acknowledged(request, d);
            return d;
        } catch (StatusRuntimeException e) {
            state.outcomes.record(operation, e, allowed);
            return null;
        }
    }

    private void keyedUpload() {
        LoadState.Request request = fresh("client-key-" + UUID.randomUUID());
        lastKeyed = request;
        lastKeyedDocument = upload("upload.keyed", request, UPLOAD_REFUSALS);
    }

    /** The same request under the same key again: the same document if the first one succeeded. */
    private void replayLastKeyed() {
        if (lastKeyed == null) {
            keyedUpload();
            return;
        }
        Document original = lastKeyedDocument;
        Document replayed = upload("upload.replay", lastKeyed,
                original == null ? UPLOAD_REFUSALS : OK);
        if (original != null && replayed != null && !replayed.getId().equals(original.getId())) {
            state.breaches.add("replay of key " + lastKeyed.key() + " created " + replayed.getId() + " instead of "
                    + original.getId());
        }
        if (original == null) {
            lastKeyedDocument = replayed;
        }
    }

    /** An acknowledged file again for its owner, without a key: a duplicate, never a second document. */
    private void resend() {
        LoadState.Owner owner = state.someOwner(random);
        String existing = state.someDocumentOf(owner, random);
        if (existing == null) {
            upload("upload", fresh(null), UPLOAD_REFUSALS);
            return;
        }
        LoadState.Request first = state.requestOf.get(existing);
        var again = new LoadState.Request(owner, first.type(), first.file(), null);
        try {
            Document d = Calls.await(Calls.send(async, Calls.messages(again.metadata(), again.file(), 8 * 1024)));
            state.outcomes.record("upload.resend", null, RESEND);
            state.breaches.add("the same file was stored twice for owner " + owner.id() + ": " + existing + " and "
                    + d.getId());
            state.acknowledged(again, d);
        } catch (StatusRuntimeException e) {
            String label = state.outcomes.record("upload.resend", e, RESEND);
            if (label.startsWith("ALREADY_EXISTS")) {
                String linked = Calls.errorInfo(e).getMetadataOrDefault("existingDocumentId", "");
                if (!linked.equals(existing)) {
                    state.breaches.add("DuplicateResource linked " + linked + " instead of " + existing);
                }
            }
        }
    }

    private DocumentServiceGrpc.DocumentServiceBlockingStub documents() {
        return documents.withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private void get() {
        LoadState.Owner owner = state.someOwner(random);
        String id = state.someDocumentOf(owner, random);
        if (id == null) {
            list();
            return;
        }
        try {
            Document d = documents().getDocument(GetDocumentRequest.newBuilder().setDocumentId(id).build())
                    .getDocument();
            state.outcomes.record("get", null, OK);
            if (!d.getId().equals(id) || !owner.owns(d)) {
                state.breaches.add("get " + id + " answered " + d);
            }
            state.observe(d);
        } catch (StatusRuntimeException e) {
            state.outcomes.record("get", e, OK);
        }
    }

    private void list() {
        LoadState.Owner owner = state.someOwner(random);
        var request = owner.customer()
                ? ListDocumentsRequest.newBuilder().setCustomerId(owner.id()).build()
                : ListDocumentsRequest.newBuilder().setBeneficialOwnerId(owner.id()).build();
        ListDocumentsResponse list;
        try {
            list = documents().listDocuments(request);
            state.outcomes.record("list", null, OK);
        } catch (StatusRuntimeException e) {
            state.outcomes.record("list", e, OK);
            return;
        }
        Set<String> ids = new HashSet<>();
        int pending = 0;
        for (Document d : list.getDocumentsList()) {
            if (!ids.add(d.getId())) {
                state.breaches.add("list of " + owner.id() + " names " + d.getId() + " twice");
            }
            if (!owner.owns(d)) {
                state.breaches.add("list of " + owner.id() + " holds " + d);
            }
            if (Seen.of(d).equals(Seen.PENDING)) {
                pending++;
            }
            state.observe(d);
        }
        if (list.getTotal() != list.getDocumentsCount()) {
            state.breaches.add("list of " + owner.id() + ": total " + list.getTotal() + " for "
                    + list.getDocumentsCount() + " documents");
        }
        state.listedPending.add(pending);
        if (pending > EventLedger.MAX_PENDING) {
            state.breaches.add("list of " + owner.id() + " shows " + pending + " pending documents");
        }
    }

    private void review() {
        LoadState.Owner owner = state.someOwner(random);
        String id = null;
        for (int i = 0; i < 3 && (id == null || state.reviews.containsKey(id)); i++) {
            id = state.someDocumentOf(owner, random);
        }
        if (id == null) {
            upload("upload", fresh(null), UPLOAD_REFUSALS);
            return;
        }
        var request = ReviewDocumentRequest.newBuilder().setDocumentId(id);
        Seen expected;
        int dice = random.nextInt(200);
        if (dice < 2) {
            request.setDecision(ReviewDecision.REVIEW_DECISION_ACCEPT);
            expected = Seen.accepted();
        } else {
            List<String> reasons = dice == 2 ? List.of("ScanFailedOther")
                    : dice == 3 ? List.of("ScanDobMismatch", "ScanNotReadable")
                    : random.ints(1 + random.nextInt(2), 0, STAYING_REASONS.size()).distinct()
                            .mapToObj(STAYING_REASONS::get).toList();
            request.setDecision(ReviewDecision.REVIEW_DECISION_REJECT);
            reasons.forEach(r -> request.addFailureReasons(FailureReason.newBuilder().setReason(r)));
            expected = Seen.rejected(reasons);
        }
        try {
            Document d = sandbox.withDeadlineAfter(30, TimeUnit.SECONDS).reviewDocument(request.build())
                    .getDocument();
            state.outcomes.record("review", null, REVIEW);
            state.observe(d);
            if (!Seen.of(d).equals(expected)) {
                state.breaches.add("review of " + id + " answered " + Seen.of(d) + ", asked for " + expected);
            }
            if (state.reviews.putIfAbsent(id, Seen.of(d)) != null) {
                state.reviewedTwice.add(id);
            }
        } catch (StatusRuntimeException e) {
            state.outcomes.record("review", e, REVIEW);
        }
    }

    private void watch() {
        if (watches.size() >= MAX_OPEN_WATCHES) {
            get();
            return;
        }
        LoadState.Owner owner = state.someOwner(random);
        String id = state.someDocumentOf(owner, random);
        if (id == null) {
            list();
            return;
        }
        watches.add(new Watch(id, WatchRecorder.watch(async, id)));
        state.outcomes.record("watch.open", null, OK);
    }

    /** Ends the watches: a reviewed document's stream must have ended by itself; the others are cancelled. */
    private void finishWatches() {
        for (Watch w : watches) {
            String end;
            try {
                if (state.reviews.containsKey(w.documentId())) {
                    Throwable error = w.recorder().awaitEnd();
                    end = Outcomes.label(error);
                    state.outcomes.record("watch.end", error, OK);
                } else {
                    // A watch opened just before the end may not have had its first read yet: its first document
                    // is owed at once (the test asserts every watch saw one), so wait for it before cancelling.
                    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
                    while (w.recorder().documents.isEmpty() && !w.recorder().end.isDone()
                            && System.nanoTime() < deadline) {
                        Thread.sleep(5);
                    }
                    w.recorder().cancel();
                    end = "cancelled by the client";
                }
            } catch (Exception e) {
                end = "did not end: " + e;
                state.breaches.add("the watch of reviewed document " + w.documentId() + " " + end);
            }
            List<Seen> path = new ArrayList<>();
            w.recorder().documents.forEach(d -> path.add(Seen.of(d)));
            state.watchPaths.add(new LoadState.WatchPath(w.documentId(), path, end));
        }
    }

    private static Set<String> union(Set<String> a, String b) {
        var all = new HashSet<>(a);
        all.add(b);
        return Set.copyOf(all);
    }
}
