package io.docverify.adapter.dwolla;

import io.docverify.adapter.dwolla.DwollaFailure.Kind;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.IdempotencyKey;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.upload.UploadLimits;
import io.docverify.ports.out.DocumentSubmission;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /customers/{id}/documents} and {@code /beneficial-owners/{id}/documents}, so that a retry can never
 * create a second document:
 * <ol>
 *   <li>The file is checked by the domain's upload rules while it is read into its one copy; a refused file never
 *       reaches the network, nor does one whose content fails or whose upload the caller cancels before the
 *       content completed: nothing is sent before the whole file is in.</li>
 *   <li>Every attempt sends the identical body with the same {@code Idempotency-Key} (the caller's, or one drawn
 *       for this upload).</li>
 *   <li>Once an attempt may have been processed without its answer arriving (the whole body was sent, then the
 *       connection broke, the time limit ran out or Dwolla answered 5xx), each later attempt first looks for it
 *       in the owner's document list (the only document of that type created since the upload began) and
 *       returns it instead of sending the file again; a {@code DuplicateResource} answer linking a document
 *       created since then is that document too.</li>
 *   <li>A {@code 409 Conflict} (Dwolla still processing the same key) is waited out by the upload retry.</li>
 * </ol>
 * The created document is then read with {@code GET /documents/{id}} (Dwolla's 201 has no body).
 */
final class Uploads {
    private static final Logger LOG = LoggerFactory.getLogger(Uploads.class);

    /** What one attempt found: the id from a Location, or the document itself after a recovery. */
    private sealed interface Outcome permits Created, Found {
    }

    private record Created(DocumentId id) implements Outcome {
    }

    private record Found(Document document) implements Outcome {
    }

    /** The state of one upload across its attempts. */
    private static final class UploadState {
        final Instant startedAt;
        volatile boolean uncertain;
        volatile Track last;

        UploadState(Instant startedAt) {
            this.startedAt = startedAt;
        }

        /** Starts an attempt; if the previous one may have been processed, this one must look first. */
        Track next() {
            Track previous = last;
            if (previous != null && previous.bodySent && !previous.definitive) {
                uncertain = true;
            }
            Track track = new Track();
            last = track;
            return track;
        }
    }

    /** One attempt on the wire: was the whole body handed over, and did a definitive answer arrive. */
    private static final class Track {
        volatile boolean bodySent;
        volatile boolean definitive;
    }

    private final DwollaHttp http;
    private final Resilience resilience;
    private final DwollaConfig config;
    private final DwollaMetrics metrics;
    private final Clock clock;

    Uploads(DwollaHttp http, Resilience resilience, DwollaConfig config, DwollaMetrics metrics, Clock clock) {
        this.http = http;
        this.resilience = resilience;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    CompletableFuture<Document> create(DocumentSubmission command) {
        IdempotencyKey key = command.idempotencyKey().orElseGet(IdempotencyKey::random);
        var collecting = new AtomicReference<CompletableFuture<CollectedFile>>();
        CompletableFuture<Document> upload = resilience.withUploadSlot(() -> {
            CompletableFuture<CollectedFile> collected = CollectedFile.collect(command, UploadLimits.DWOLLA);
            collecting.set(collected);
            return collected.thenCompose(file -> send(command, key, file));
        });
        // A cancel before the file was whole stops its reading, so nothing is ever sent. A cancel after that
        // cannot recall a request on its way; its Idempotency-Key makes a retry find the same document.
        upload.whenComplete((document, error) -> {
            CompletableFuture<CollectedFile> collected = collecting.get();
            if (upload.isCancelled() && collected != null) {
                collected.cancel(true);
            }
        });
        return upload;
    }

    private CompletableFuture<Document> send(DocumentSubmission command, IdempotencyKey key, CollectedFile file) {
        var body = new MultipartBody(command.type(), command.file().fileName(), file.file().kind(), file.chunks());
        var state = new UploadState(clock.instant());
        return resilience.upload(abandoned -> attempt(command, key, body, state, abandoned)).thenCompose(outcome -> {
            if (outcome instanceof Found found) {
                return CompletableFuture.completedFuture(found.document().withOwner(command.owner()));
            }
            DocumentId id = ((Created) outcome).id();
            return resilience.read(abandoned -> http.get("get", "/documents/" + id.value(), config.timeouts().read(),
                            abandoned).thenApply(r -> HalJson.document(r.body(), Optional.of(command.owner()))))
                    .exceptionally(error -> {
                        // Created for sure; only reading it back failed. The caller still gets its id.
                        LOG.warn("event=dwolla.upload.readback_failed documentId={} code={}", id,
                                Failures.metricCode(error));
                        return Document.pending(id, command.owner(), command.type(), clock.instant());
                    });
        });
    }

    private CompletableFuture<Outcome> attempt(DocumentSubmission command, IdempotencyKey key, MultipartBody body,
            UploadState state, BooleanSupplier abandoned) {
        Track track = state.next();
        CompletableFuture<Optional<Document>> earlier = state.uncertain
                ? findFirstAttempt(command, state, "lookup", abandoned)
                : CompletableFuture.completedFuture(Optional.empty());
        return earlier.thenCompose(found -> found.isPresent()
                ? CompletableFuture.completedFuture(new Found(found.get()))
                : post(command, key, body, state, track, abandoned));
    }

    private CompletableFuture<Outcome> post(DocumentSubmission command, IdempotencyKey key, MultipartBody body,
            UploadState state, Track track, BooleanSupplier abandoned) {
        String path = Paths.documentsOf(command.owner());
        return http.postMultipart(path, body, key, config.timeouts().upload(), () -> track.bodySent = true, abandoned)
                .handle((response, error) -> {
                    if (error == null) {
                        track.definitive = true;
                        Optional<DocumentId> id = response.location().flatMap(DwollaErrors::documentIdOf);
                        if (id.isPresent()) {
                            return CompletableFuture.<Outcome>completedFuture(new Created(id.get()));
                        }
                        return withoutLocation(command, state, abandoned);
                    }
                    DwollaFailure failure = Failures.transport(error);
                    track.definitive = failure.kind() != Kind.TRANSIENT;
                    if (failure.error().code() == ErrorCode.DUPLICATE_RESOURCE && state.uncertain
                            && failure.error().existingDocument().isPresent()) {
                        return adoptDuplicate(command, state, failure, abandoned);
                    }
                    return CompletableFuture.<Outcome>failedFuture(failure);
                })
                .thenCompose(next -> next);
    }

    /** A 201 without a usable Location: the document exists; find it, or report the protocol error. */
    private CompletableFuture<Outcome> withoutLocation(DocumentSubmission command, UploadState state,
            BooleanSupplier abandoned) {
        state.uncertain = true;
        return findFirstAttempt(command, state, "no-location", abandoned).thenApply(found -> found
                .<Outcome>map(Found::new)
                .orElseThrow(() -> DwollaFailure.protocol("Dwolla answered 201 without a document Location, and "
                        + "the created document could not be told apart in the owner's list.")));
    }

    /** DuplicateResource after an attempt that may have been processed: the linked document, if it is ours. */
    private CompletableFuture<Outcome> adoptDuplicate(DocumentSubmission command, UploadState state,
            DwollaFailure duplicate, BooleanSupplier abandoned) {
        DocumentId existing = duplicate.error().existingDocument().orElseThrow();
        return http.get("get", "/documents/" + existing.value(), config.timeouts().read(), abandoned)
                .thenApply(r -> HalJson.document(r.body(), Optional.of(command.owner())))
                .thenApply(document -> {
                    if (document.created().isBefore(state.startedAt.minus(config.lookupClockSkew()))) {
                        throw duplicate; // an older upload of the same file: a real duplicate
                    }
                    metrics.recovered("duplicate");
                    LOG.info("event=dwolla.upload.recovered via=duplicate documentId={}", document.id());
                    return new Found(document);
                });
    }

    /**
     * The owner's list, searched for the one document of the upload's type created since the upload began.
     * More than one such document is ambiguous: nothing is adopted and the attempt sends again (its
     * Idempotency-Key and Dwolla's duplicate check still stand).
     */
    private CompletableFuture<Optional<Document>> findFirstAttempt(DocumentSubmission command, UploadState state,
            String via, BooleanSupplier abandoned) {
        Instant since = state.startedAt.minus(config.lookupClockSkew());
        return http.get("list", Paths.documentsOf(command.owner()), config.timeouts().read(), abandoned)
                .thenApply(r -> HalJson.documents(r.body(), command.owner()))
                .thenApply(list -> {
                    List<Document> candidates = list.documents().stream()
                            .filter(d -> d.type() == command.type() && !d.created().isBefore(since))
                            .toList();
                    if (candidates.size() != 1) {
                        return Optional.empty();
                    }
                    metrics.recovered(via);
                    LOG.info("event=dwolla.upload.recovered via={} documentId={}", via, candidates.get(0).id());
                    return Optional.of(candidates.get(0));
                });
    }
}
