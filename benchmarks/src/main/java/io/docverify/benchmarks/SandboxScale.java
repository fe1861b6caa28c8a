package io.docverify.benchmarks;

import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.adapter.inmemory.InMemoryDwolla;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.OwnerDocuments;
import io.docverify.domain.OwnerId;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.file.FileUpload;
import io.docverify.ports.out.DocumentEventPublisher;
import io.docverify.ports.out.DocumentIdSource;
import io.docverify.ports.out.DocumentSubmission;
import io.docverify.ports.sandbox.NewCustomer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * The sandbox-scale figure ({@code --only sandbox-scale}): what a sandbox that runs for weeks costs. One
 * {@link InMemoryDwolla} as the sandbox runs it (its own 30-day event log, at most 100,000 events) is filled through
 * its public calls with {@code OWNERS} personal customers in {@code document} status, then {@code DOCUMENTS}
 * documents (each owner's four in a row, distinct small PNGs, all pending). Heap is measured after full GCs
 * ({@link HeapPerUpload#usedHeapAfterGc}) empty, at a tenth of the owners, at all owners, at a tenth of the
 * documents and at all of them: per owner and per document at both sizes (the tenth is the baseline, so a ratio
 * near 1 says the cost is linear). Latency of in-process {@code get} (GetDocument) and {@code list} (ListDocuments)
 * calls, p50 and p99 over {@code SAMPLES} calls of random documents and owners, on the full sandbox and on a small
 * one (100 owners, 400 documents) in the same JVM.
 *
 * <p>{@code java -Xmx2g -cp benchmarks.jar io.docverify.benchmarks.SandboxScale OWNERS DOCUMENTS SAMPLES}
 */
public final class SandboxScale {
    /** The small sandbox the latency is compared with. */
    static final int SMALL_OWNERS = 100;
    static final int SMALL_DOCUMENTS = 400;
    private static final DocumentType[] TYPES = {DocumentType.PASSPORT, DocumentType.LICENSE, DocumentType.ID_CARD,
        DocumentType.OTHER};

    private SandboxScale() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(measure(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2])));
        System.exit(0);
    }

    /** Runs the figure once and returns its RESULT line. */
    static String measure(int owners, int documents, int samples) throws Exception {
        if (documents > 4L * owners || owners < 10 || documents < 10) {
            throw new IllegalArgumentException("at least 10 owners and 10 documents, at most four documents an owner");
        }
        // Four files of different sizes: the duplicate rule is per owner, so each owner may upload the same four.
        List<byte[]> files = List.of(TestFiles.png(700), TestFiles.png(701), TestFiles.png(702), TestFiles.png(703));
        InMemoryConfig config = InMemoryConfig.DEFAULTS.withSandboxReviewDelay(Duration.ZERO)
                .withMaxOwners(Math.max(owners, SMALL_OWNERS)).withMaxDocuments(Math.max(documents, SMALL_DOCUMENTS));

        Latency small;
        try (InMemoryDwolla sandbox = new InMemoryDwolla(config, DocumentEventPublisher.NONE, DocumentIdSource.RANDOM)) {
            List<OwnerId> ids = createOwners(sandbox, SMALL_OWNERS);
            upload(sandbox, ids, SMALL_DOCUMENTS, files);
            latency(sandbox, samples); // warm-up: the JIT compiles the read paths before either is measured
            small = latency(sandbox, samples);
        }
        long empty;
        long tenthOwners;
        long allOwners;
        long tenthDocuments;
        long allDocuments;
        Latency large;
        int events;
        try (InMemoryDwolla sandbox = new InMemoryDwolla(config, DocumentEventPublisher.NONE, DocumentIdSource.RANDOM)) {
            empty = HeapPerUpload.usedHeapAfterGc();
            List<OwnerId> ids = new ArrayList<>(createOwners(sandbox, owners / 10));
            tenthOwners = HeapPerUpload.usedHeapAfterGc();
            ids.addAll(createOwners(sandbox, owners - owners / 10));
            allOwners = HeapPerUpload.usedHeapAfterGc();
            int tenth = documents / 10;
            upload(sandbox, ids.subList(0, (tenth + 3) / 4), tenth, files);
            tenthDocuments = HeapPerUpload.usedHeapAfterGc();
            uploadFrom(sandbox, ids, tenth, documents, files);
            allDocuments = HeapPerUpload.usedHeapAfterGc();
            ids = null; // the benchmark's own list of ids is not the sandbox's
            events = sandbox.events().size();
            large = latency(sandbox, samples);
            long held = sandbox.owners().stream().mapToLong(o -> o.documents().size()).sum();
            if (held != documents || sandbox.owners().size() != owners) {
                throw new IllegalStateException("the sandbox holds " + sandbox.owners().size() + " owners and " + held
                        + " documents, not " + owners + " and " + documents);
            }
        }
        int tenth = documents / 10;
        return ResultLine.format("sandbox-scale", Impl.DOCVERIFY, "owners", owners, "documents", documents,
                "samples", samples, "maxHeapBytes", Runtime.getRuntime().maxMemory(), "emptyHeapBytes", empty,
                "ownersHeapBytes", allOwners, "documentsHeapBytes", allDocuments, "events", events,
                "perOwnerTenthBytes", (tenthOwners - empty) / Math.max(1, owners / 10),
                "perOwnerBytes", (allOwners - empty) / owners,
                "perDocumentTenthBytes", (tenthDocuments - allOwners) / Math.max(1, tenth),
                "perDocumentBytes", (allDocuments - allOwners) / documents,
                "smallGetP50ns", small.get.getValueAtPercentile(50), "smallGetP99ns", small.get.getValueAtPercentile(99),
                "getP50ns", large.get.getValueAtPercentile(50), "getP99ns", large.get.getValueAtPercentile(99),
                "smallListP50ns", small.list.getValueAtPercentile(50),
                "smallListP99ns", small.list.getValueAtPercentile(99),
                "listP50ns", large.list.getValueAtPercentile(50), "listP99ns", large.list.getValueAtPercentile(99),
                "getCount", large.get.getTotalCount(), "listCount", large.list.getTotalCount());
    }

    private static List<OwnerId> createOwners(InMemoryDwolla sandbox, int n) {
        List<OwnerId> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(sandbox.createCustomer(NewCustomer.inStatus(CustomerType.PERSONAL, CustomerStatus.DOCUMENT))
                    .toCompletableFuture().join().id());
        }
        return ids;
    }

    private static void upload(InMemoryDwolla sandbox, List<OwnerId> owners, int n, List<byte[]> files)
            throws Exception {
        uploadFrom(sandbox, owners, 0, n, files);
    }

    /** Documents {@code from} to {@code until}: document k is owner k / 4's (k % 4)th. */
    private static void uploadFrom(InMemoryDwolla sandbox, List<OwnerId> owners, int from, int until,
            List<byte[]> files) throws Exception {
        for (int k = from; k < until; k++) {
            int slot = k % 4;
            sandbox.create(DocumentSubmission.of(owners.get(k / 4), TYPES[slot],
                    FileUpload.ofBytes("id.png", files.get(slot)))).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** GetDocument and ListDocuments latencies, in nanoseconds. */
    record Latency(Histogram get, Histogram list) {
    }

    private static Latency latency(InMemoryDwolla sandbox, int samples) {
        // A sample of at most 10,000 ids to pick from, read once (the pick is not measured).
        List<OwnerDocuments> all = sandbox.owners();
        var random = new SplittableRandom(42);
        List<OwnerId> owners = new ArrayList<>();
        List<DocumentId> documents = new ArrayList<>();
        for (int i = 0; i < Math.min(10_000, all.size()); i++) {
            OwnerDocuments o = all.get(random.nextInt(all.size()));
            owners.add(o.owner().id());
            o.documents().stream().map(Document::id).forEach(documents::add);
        }
        all = null;
        Histogram get = time(samples, i -> documents.get(random.nextInt(documents.size())), id -> sandbox.get(id));
        Histogram list = time(samples, i -> owners.get(random.nextInt(owners.size())), owner -> sandbox.list(owner));
        return new Latency(get, list);
    }

    private static <T> Histogram time(int samples, IntFunction<T> pick,
            java.util.function.Function<T, java.util.concurrent.CompletionStage<?>> call) {
        var histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        for (int i = 0; i < samples; i++) {
            T argument = pick.apply(i);
            long start = System.nanoTime();
            Object answer = call.apply(argument).toCompletableFuture().join();
            long took = System.nanoTime() - start;
            if (answer == null) {
                throw new IllegalStateException("no answer");
            }
            histogram.recordValue(took);
        }
        return histogram;
    }
}
