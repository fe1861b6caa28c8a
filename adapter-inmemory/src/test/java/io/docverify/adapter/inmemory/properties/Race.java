package io.docverify.adapter.inmemory.properties;

import io.docverify.adapter.inmemory.InMemoryDwolla;
import io.docverify.domain.CustomerId;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.review.FailureReason;
import io.docverify.domain.review.KnownFailureReason;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.file.FileUpload;
import io.docverify.ports.out.DocumentSubmission;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The shared side of the race: what every worker does (upload a new file, upload one of its files again, review
 * a listed pending document, move an owner back to {@code document}, read), and what the workers learned
 * (every upload that succeeded, every successful review, every reviewed state a read saw). Nothing here
 * throws from a worker: violations are collected and asserted once the race is over.
 */
final class Race {
    /** A successful upload: the answer, and the bytes, so a worker can try the same file again. */
    record Created(OwnerId owner, Document document, byte[] bytes) {
    }

    private final InMemoryDwolla dwolla;
    private final List<OwnerId> owners;
    private final Map<Integer, Created> created = new ConcurrentHashMap<>();
    private final AtomicInteger createdCount = new AtomicInteger();
    private final Map<DocumentId, AtomicInteger> successfulReviews = new ConcurrentHashMap<>();
    private final Map<DocumentId, Document> reviewedSeen = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final Queue<String> violations = new ConcurrentLinkedQueue<>();

    Race(InMemoryDwolla dwolla, List<OwnerId> owners) {
        this.dwolla = dwolla;
        this.owners = List.copyOf(owners);
    }

    /** One worker's share: {@code operations} random operations. */
    void work(int worker, SplittableRandom random, int operations) {
        var mine = new ArrayList<Created>();
        for (int i = 0; i < operations; i++) {
            OwnerId owner = owners.get(random.nextInt(owners.size()));
            int dice = random.nextInt(100);
            try {
                if (dice < 45) {
                    upload(owner, uniqueImage(worker, i, random.nextBoolean()), mine);
                } else if (dice < 50 && !mine.isEmpty()) {
                    uploadAgain(mine.get(random.nextInt(mine.size())));
                } else if (dice < 78) {
                    review(owner, random);
                } else if (dice < 85) {
                    moveToDocument(owner);
                } else {
                    read(owner, random);
                }
            } catch (RuntimeException | AssertionError e) {
                violations.add("unexpected " + e);
            }
        }
    }

    private void upload(OwnerId owner, byte[] bytes, List<Created> mine) {
        try {
            Document document = Harness.join(dwolla.create(DocumentSubmission.of(owner, DocumentType.PASSPORT,
                    FileUpload.ofBytes("scan.png", bytes))));
            count("upload ok");
            check(document.isPending() && document.owner().orElseThrow().equals(owner),
                    "an upload answered " + document);
            var c = new Created(owner, document, bytes);
            created.put(createdCount.getAndIncrement(), c);
            mine.add(c);
        } catch (DocumentException refused) {
            expect(refused, "upload", ErrorCode.MAXIMUM_NUMBER_OF_RESOURCES, ErrorCode.INVALID_RESOURCE_STATE);
        }
    }

    /** A PNG or JPEG no other operation uploads: its bytes name the worker and the operation. */
    private static byte[] uniqueImage(int worker, int operation, boolean png) {
        byte[] signature = png ? TestFiles.PNG_SIGNATURE : TestFiles.JPEG_SIGNATURE;
        byte[] bytes = new byte[64];
        System.arraycopy(signature, 0, bytes, 0, signature.length);
        ByteBuffer.wrap(bytes, signature.length, 2 * Integer.BYTES).putInt(worker).putInt(operation);
        return bytes;
    }

    private void uploadAgain(Created earlier) {
        try {
            Document again = Harness.join(dwolla.create(DocumentSubmission.of(earlier.owner(),
                    DocumentType.PASSPORT, FileUpload.ofBytes("again.png", earlier.bytes()))));
            violations.add("the same file was accepted twice: " + earlier.document() + " and " + again);
        } catch (DocumentException refused) {
            expect(refused, "upload again", ErrorCode.DUPLICATE_RESOURCE, ErrorCode.MAXIMUM_NUMBER_OF_RESOURCES,
                    ErrorCode.INVALID_RESOURCE_STATE);
        }
    }

    private void review(OwnerId owner, SplittableRandom random) {
        List<Document> pending = Harness.join(dwolla.list(owner)).documents().stream()
                .filter(Document::isPending).toList();
        if (pending.isEmpty()) {
            return;
        }
        Document target = pending.get(random.nextInt(pending.size()));
        ReviewDecision decision = decision(random.nextInt(10));
        try {
            Document reviewed = Harness.join(dwolla.reviewDocument(target.id(), decision));
            count("review ok");
            boolean accepted = decision instanceof ReviewDecision.Accept;
            check(!reviewed.isPending() && accepted == reviewed.failureReason().isEmpty(),
                    "a review with " + decision + " answered " + reviewed);
            int times = successfulReviews.computeIfAbsent(target.id(), id -> new AtomicInteger()).incrementAndGet();
            check(times == 1, target.id() + " was reviewed successfully " + times + " times");
        } catch (DocumentException refused) {
            expect(refused, "review", ErrorCode.INVALID_RESOURCE_STATE);
        }
    }

    private static ReviewDecision decision(int dice) {
        if (dice < 2) {
            return ReviewDecision.accept();
        }
        if (dice == 2) {
            return ReviewDecision.reject(KnownFailureReason.SCAN_DOB_MISMATCH);
        }
        if (dice == 3) {
            return ReviewDecision.reject(List.of(FailureReason.of(Scenarios.UNKNOWN_REASON)));
        }
        return dice < 7 ? ReviewDecision.reject(KnownFailureReason.SCAN_NOT_READABLE)
                : ReviewDecision.reject(KnownFailureReason.SCAN_ID_EXPIRED, KnownFailureReason.SCAN_NOT_READABLE);
    }

    private void moveToDocument(OwnerId owner) {
        Harness.join(dwolla.moveOwner(owner,
                owner instanceof CustomerId ? CustomerStatus.DOCUMENT : BeneficialOwnerStatus.DOCUMENT));
        count("move ok");
    }

    /** Reads must always see whole, legal documents, and never a reviewed document going back. */
    private void read(OwnerId owner, SplittableRandom random) {
        List<Document> listed = Harness.join(dwolla.list(owner)).documents();
        var ids = new HashSet<DocumentId>();
        for (Document d : listed) {
            Invariants.checkFields(d);
            check(ids.add(d.id()), "a list shows " + d.id() + " twice");
            check(d.owner().orElseThrow().equals(owner), "the list of " + owner + " shows " + d);
        }
        long pending = listed.stream().filter(Document::isPending).count();
        check(pending <= Invariants.MAX_PENDING, "a list shows " + pending + " pending documents of " + owner);
        int known = createdCount.get();
        if (known == 0) {
            return;
        }
        Created c = created.get(random.nextInt(known));
        if (c == null) {
            return; // its slot is claimed but not yet filled
        }
        DocumentId id = c.document().id();
        Document seenBefore = reviewedSeen.get(id); // taken before the read: the read must not be older
        Document now = Snapshot.orNotFound(dwolla.get(id)).orElse(null);
        if (now == null) {
            violations.add("an uploaded document " + id + " is not found");
            return;
        }
        Invariants.checkFields(now);
        check(seenBefore == null || seenBefore.equals(now), id + " was seen as " + seenBefore + ", now " + now);
        if (!now.isPending()) {
            Document first = reviewedSeen.putIfAbsent(id, now);
            check(first == null || first.equals(now), id + " was seen reviewed as " + first + " and as " + now);
        }
        count("read ok");
    }

    private void expect(DocumentException refused, String what, ErrorCode... allowed) {
        for (ErrorCode code : allowed) {
            if (refused.code() == code) {
                count(what + " " + code.wire());
                return;
            }
        }
        violations.add(what + " was refused with " + refused.error());
    }

    private void check(boolean condition, String violation) {
        if (!condition) {
            violations.add(violation);
        }
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
    }

    /** Every upload that succeeded. */
    List<Created> created() {
        return List.copyOf(created.values());
    }

    /** How many times each document was reviewed successfully. */
    int successfulReviews(DocumentId id) {
        AtomicInteger n = successfulReviews.get(id);
        return n == null ? 0 : n.get();
    }

    /** How often each outcome happened, e.g. {@code upload maximumNumberOfResources}. */
    Set<String> outcomesSeen() {
        return Set.copyOf(outcomes.keySet());
    }

    Map<String, Long> outcomeCounts() {
        var counts = new TreeMap<String, Long>();
        outcomes.forEach((k, v) -> counts.put(k, v.sum()));
        return counts;
    }

    List<String> violations() {
        return List.copyOf(violations);
    }
}
