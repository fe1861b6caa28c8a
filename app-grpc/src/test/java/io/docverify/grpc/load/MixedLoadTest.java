package io.docverify.grpc.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.grpc.Calls;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.hostile.LeakMarker;
import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentProto.DocumentType;
import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentsRequest;
import io.docverify.ports.contract.TestFiles;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 64 concurrent clients, each on its own TCP connection to one server on 127.0.0.1 (in-memory backend), run a
 * mix of uploads (some under idempotency keys, some under keys other clients send at the same time, replays,
 * the same file again), gets, lists, sandbox reviews and watches against one shared set of owners for a bounded
 * time ({@code -Ddocverify.load.seconds}, default 6; extended by at most 15 s on a machine too slow to have
 * reached the four-pending limit, reviews and duplicates by then). Afterwards:
 * <ul>
 *   <li>every acknowledged upload exists exactly once: in its owner's list and nowhere else, readable by id,
 *       with the owner and type it was sent with; the lists hold nothing that was not acknowledged, and the event
 *       bus saw exactly these uploads; an idempotency key produced one document at most, and replays returned it;
 *   <li>no owner ever had more than four pending documents: counted after every change from the event bus, in
 *       every list a client read during the run, and at the end;
 *   <li>every document's history is a legal path of the state machine: each observation (answers, gets, lists,
 *       watch streams, events) is a state the machine has, ordered paths (events, watches) never leave a review,
 *       and every review seen is the one review the document ended with (one successful ReviewDocument per
 *       reviewed document, none for a pending one);
 *   <li>no operation ended with an outcome it may not have (e.g. INTERNAL, UNAVAILABLE, a deadline).
 * </ul>
 * The run's counts, rate and error distribution are printed.
 */
class MixedLoadTest {
    private static final int CLIENTS = 64;
    private static final int CUSTOMERS = 24;
    private static final int BENEFICIAL_OWNERS = 8;
    private static final int CONTESTED_KEYS = 16;

    @Test
    void sixtyFourClientsKeepEveryDocumentOnceWithinFourPendingAndOnALegalPath() throws Exception {
        long seconds = Long.getLong("docverify.load.seconds", 6);
        long seed = Long.getLong("docverify.load.seed", new Random().nextLong());
        try (TestServer server = TestServer.start(TestServer.Kind.SOCKET)) {
            var ledger = new EventLedger();
            var subscription = server.backend().events().orElseThrow().subscribe(ledger);
            try {
                LoadState state = seed(server, new Random(seed));
                long started = System.nanoTime();
                runClients(server.server().port(), state, seed, started + TimeUnit.SECONDS.toNanos(seconds),
                        started + TimeUnit.SECONDS.toNanos(seconds + 15), () -> exercisedTheRules(state, ledger));
                double elapsed = (System.nanoTime() - started) / 1e9;
                String report = report(state, ledger, seed, elapsed);
                System.out.println(report);

                assertThat(state.outcomes.unexpected).as("outcomes no operation may have (seed %d)", seed).isEmpty();
                assertThat(state.breaches).as("invariant breaches seen during the run (seed %d)", seed).isEmpty();
                assertThat(ledger.violations).as("the event bus (seed %d)", seed).isEmpty();
                assertThat(state.reviewedTwice).as("documents reviewed twice (seed %d)", seed).isEmpty();
                checkEveryAcknowledgedUploadExistsExactlyOnce(server, state, ledger);
                checkEveryHistoryIsALegalPath(server, state, ledger);
                checkTheRunExercisedTheRules(state, ledger, report);
            } finally {
                subscription.close();
            }
        }
    }

    /** The shared owners, and requests under keys that several clients will send. */
    private static LoadState seed(TestServer server, Random random) {
        var owners = new ArrayList<LoadState.Owner>();
        for (int i = 0; i < CUSTOMERS; i++) {
            owners.add(new LoadState.Owner(Calls.customerAwaitingDocuments(server), true));
        }
        for (int i = 0; i < BENEFICIAL_OWNERS; i++) {
            owners.add(new LoadState.Owner(Calls.beneficialOwnerAwaitingDocuments(server), false));
        }
        var contested = new ArrayList<LoadState.Request>();
        for (int i = 0; i < CONTESTED_KEYS; i++) {
            contested.add(new LoadState.Request(owners.get(random.nextInt(owners.size())),
                    DocumentType.DOCUMENT_TYPE_PASSPORT, LeakMarker.mark(TestFiles.png(4096 + random.nextInt(60_000))),
                    "contested-key-" + i + "-" + Long.toHexString(random.nextLong())));
        }
        return new LoadState(owners, contested);
    }

    private static void runClients(int port, LoadState state, long seed, long endNanos, long hardEndNanos,
            java.util.function.BooleanSupplier enough) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        var channels = new ArrayList<ManagedChannel>();
        try {
            var clients = new ArrayList<Future<?>>();
            for (int i = 0; i < CLIENTS; i++) {
                ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port,
                        InsecureChannelCredentials.create()).build();
                channels.add(channel);
                clients.add(pool.submit(new LoadClient(channel, state, seed + i, endNanos, hardEndNanos, enough)));
            }
            for (Future<?> client : clients) {
                client.get(TimeUnit.NANOSECONDS.toSeconds(hardEndNanos - System.nanoTime()) + 90, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            channels.forEach(ManagedChannel::shutdownNow);
        }
    }

    private static void checkEveryAcknowledgedUploadExistsExactlyOnce(TestServer server, LoadState state,
            EventLedger ledger) {
        Map<String, LoadState.Owner> listed = new HashMap<>();
        for (LoadState.Owner owner : state.owners) {
            var request = owner.customer()
                    ? ListDocumentsRequest.newBuilder().setCustomerId(owner.id()).build()
                    : ListDocumentsRequest.newBuilder().setBeneficialOwnerId(owner.id()).build();
            var list = server.documents().listDocuments(request);
            assertThat(list.getTotal()).isEqualTo(list.getDocumentsCount());
            long pending = list.getDocumentsList().stream().filter(d -> Seen.of(d).equals(Seen.PENDING)).count();
            assertThat(pending).as("pending documents of %s at the end", owner.id())
                    .isLessThanOrEqualTo(EventLedger.MAX_PENDING)
                    .isEqualTo(ledger.pendingNow(owner.id()));
            for (Document d : list.getDocumentsList()) {
                assertThat(owner.owns(d)).as("%s in the list of %s", d.getId(), owner.id()).isTrue();
                assertThat(listed.put(d.getId(), owner)).as("document %s listed twice", d.getId()).isNull();
            }
        }
        Map<String, LoadState.Owner> acknowledged = new HashMap<>();
        state.acks.forEach(a -> acknowledged.put(a.documentId(), a.request().owner()));
        assertThat(listed).as("the owners' lists against the acknowledged uploads").isEqualTo(acknowledged);
        assertThat(ledger.uploadedDocuments().keySet()).as("the uploads the event bus saw")
                .isEqualTo(acknowledged.keySet());

        for (LoadState.Ack ack : state.acks) {
            Document d = server.documents().getDocument(GetDocumentRequest.newBuilder()
                    .setDocumentId(ack.documentId()).build()).getDocument();
            assertThat(ack.request().owner().owns(d)).as("owner of %s", d.getId()).isTrue();
            assertThat(d.getType()).isEqualTo(ack.request().type());
        }
        state.documentsByKey.forEach((key, ids) ->
                assertThat(ids).as("documents created under idempotency key %s", key).hasSize(1));

        Map<LoadState.Owner, Set<String>> filesOfOwner = new HashMap<>();
        state.requestOf.forEach((id, request) -> assertThat(filesOfOwner
                .computeIfAbsent(request.owner(), o -> new HashSet<>())
                .add(Arrays.toString(sha256(request.file())))).as("file of %s stored once for its owner", id)
                .isTrue());
    }

    private static void checkEveryHistoryIsALegalPath(TestServer server, LoadState state, EventLedger ledger) {
        for (String id : state.requestOf.keySet()) {
            Seen last = Seen.of(server.documents().getDocument(GetDocumentRequest.newBuilder().setDocumentId(id)
                    .build()).getDocument());
            assertThat(Seen.inconsistent(state.observations.get(id), last)).as("observations of %s", id).isEmpty();
            List<Seen> events = ledger.pathOf(id);
            assertThat(Seen.illegalPath(events)).as("event path of %s", id).isEmpty();
            assertThat(events).as("event path of %s", id).isNotEmpty().startsWith(Seen.PENDING)
                    .endsWith(last).hasSizeLessThanOrEqualTo(2);
            if (last.reviewed()) {
                assertThat(state.reviews.get(id)).as("the successful review of %s", id).isEqualTo(last);
            } else {
                assertThat(state.reviews).as("reviews of pending %s", id).doesNotContainKey(id);
            }
        }
        for (LoadState.WatchPath watch : state.watchPaths) {
            assertThat(Seen.illegalPath(watch.path())).as("watch of %s", watch.documentId()).isEmpty();
            assertThat(watch.path()).as("watch of %s (%s)", watch.documentId(), watch.end()).isNotEmpty();
            if (watch.end().equals("OK")) {
                Seen last = watch.path().get(watch.path().size() - 1);
                assertThat(last.reviewed()).as("a watch ends only after the review").isTrue();
                assertThat(state.reviews.get(watch.documentId())).isEqualTo(last);
            }
        }
    }

    /** Whether the run reached what {@link #checkTheRunExercisedTheRules} asks for (read while it runs). */
    private static boolean exercisedTheRules(LoadState state, EventLedger ledger) {
        Outcomes o = state.outcomes;
        return ledger.peakPending() >= EventLedger.MAX_PENDING
                && o.count("upload", "RESOURCE_EXHAUSTED maximumNumberOfResources") > 0
                && state.reviews.size() > 20 && state.requestOf.size() > 20
                && o.count("upload.resend", "ALREADY_EXISTS DuplicateResource") + o.count("upload.replay", "OK")
                        + o.count("upload.contested", "OK") > 0
                && o.count("watch.open") > 0;
    }

    /** The run is only evidence if the rules were reached: the limit hit, keys contested, reviews raced. */
    private static void checkTheRunExercisedTheRules(LoadState state, EventLedger ledger, String report) {
        Outcomes o = state.outcomes;
        assertThat(ledger.peakPending()).as("owners reached the four-pending limit%n%s", report)
                .isEqualTo(EventLedger.MAX_PENDING);
        assertThat(o.count("upload", "RESOURCE_EXHAUSTED maximumNumberOfResources")
                + o.count("upload.keyed", "RESOURCE_EXHAUSTED maximumNumberOfResources"))
                .as("uploads refused by the four-pending rule%n%s", report).isPositive();
        assertThat(state.reviews).as("successful reviews%n%s", report).hasSizeGreaterThan(20);
        assertThat(state.requestOf).as("documents created%n%s", report).hasSizeGreaterThan(20);
        assertThat(o.count("upload.resend", "ALREADY_EXISTS DuplicateResource") + o.count("upload.replay", "OK")
                + o.count("upload.contested", "OK")).as("duplicates refused and keys replayed%n%s", report)
                .isPositive();
        assertThat(state.watchPaths).as("watches%n%s", report).isNotEmpty();
    }

    private static String report(LoadState state, EventLedger ledger, long seed, double seconds) {
        long total = state.outcomes.total();
        long pending = state.listedPending.stream().mapToInt(Integer::intValue).max().orElse(0);
        return String.format("MixedLoadTest: %d clients, %d owners, %.1f s, seed %d%n"
                        + "  operations %d (%.0f/s); documents %d; successful reviews %d; watches %d;"
                        + " peak pending per owner %d (events) / %d (lists)%n%s",
                CLIENTS, state.owners.size(), seconds, seed, total, total / seconds, state.requestOf.size(),
                state.reviews.size(), state.watchPaths.size(), ledger.peakPending(), pending,
                state.outcomes.table());
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
