package io.docverify.application;

import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.upload.Fingerprint;
import io.docverify.domain.upload.UploadLimits;
import io.docverify.domain.upload.UploadRules;
import io.docverify.ports.file.FileUpload;
import io.docverify.ports.in.GetDocumentUseCase;
import io.docverify.ports.in.UploadDocumentCommand;
import io.docverify.ports.in.UploadDocumentUseCase;
import io.docverify.ports.out.HistoryQuery;
import io.docverify.ports.out.IdempotencyRecords;
import io.docverify.ports.out.Journal;
import io.docverify.ports.out.JournalEntry;
import io.docverify.ports.out.KeyHash;
import io.docverify.ports.out.StoreUnavailableException;
import io.docverify.ports.out.UploadAttempt;
import io.docverify.ports.out.UploadOutcome;
import io.docverify.ports.stream.ChunkStreams;
import io.docverify.ports.stream.Completions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Uploads, journaled and made idempotent across replicas: a decorator of the upload use case.
 *
 * <ol>
 *   <li>The attempt is recorded ({@link Journal#uploadStarted}) before anything is sent to the provider; a journal
 *       that cannot record refuses the upload with {@code ServiceUnavailable} (gRPC UNAVAILABLE), nothing sent.
 *   <li>With an idempotency key, the key is claimed ({@link IdempotencyRecords#claim}) within the calling key's
 *       name, for the request's fingerprint (owner, type, declared digest if declared before the upload), its lease
 *       renewed while the upload runs. Another claim running: {@code Conflict}; another request under the key:
 *       {@code IdempotencyKeyReused}; an upload completed under the key: its document is answered
 *       ({@link GetDocumentUseCase#get} through the provider) without uploading again, once the content is read
 *       and found to be the first upload's (by the SHA-256 its end recorded; another file is
 *       {@code IdempotencyKeyReused}).
 *   <li>Then the provider's upload. On success the claim is completed with the document, on failure or cancel
 *       released, and then the end is recorded ({@link Journal#uploadEnded}: created, duplicate, or the error
 *       code's name; {@code CANCELLED} for a cancel; the bytes received and their SHA-256) before the caller gets
 *       its answer. An end that cannot be recorded is reported to the observer and the upload is answered
 *       {@code ServiceUnavailable}, never OK (the attempt then reads as running, later abandoned, in the journal):
 *       a retry with the same idempotency key gets the same document, from the completed claim or, if that was
 *       not recorded either, from Dwolla's own Idempotency-Key.
 * </ol>
 *
 * <p>Thread-safe. Cancelling the returned stage cancels the provider's upload.
 */
public final class RecordedUploads implements UploadDocumentUseCase {
    /** The calling key's name of uploads through {@link #upload(UploadDocumentCommand)} (no API key). */
    public static final String EMBEDDED_CALLER = "embedded";
    /** The outcome recorded for an upload its caller cancelled. */
    public static final String CANCELLED = "CANCELLED";
    /** The outcome recorded for an upload that failed with something other than a typed error. */
    public static final String FAILED = "FAILED";

    private final UploadDocumentUseCase uploads;
    private final GetDocumentUseCase documents;
    private final Journal journal;
    private final IdempotencyRecords records;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final String replica;
    private final Duration claimLease;
    private final ChangeRecorder.Observer observer;

    /**
     * @param uploads    the provider's uploads (the plain {@link DocumentService})
     * @param documents  where a completed key's document is read
     * @param scheduler  renews the claims' leases; the caller's
     * @param replica    this replica's id, as the journal records it
     * @param claimLease how long a claim holds without renewal (renewed every third of it)
     */
    public RecordedUploads(UploadDocumentUseCase uploads, GetDocumentUseCase documents, Journal journal,
            IdempotencyRecords records, ScheduledExecutorService scheduler, Clock clock, String replica,
            Duration claimLease, ChangeRecorder.Observer observer) {
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.documents = Objects.requireNonNull(documents, "documents");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.records = Objects.requireNonNull(records, "records");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.replica = Objects.requireNonNull(replica, "replica");
        this.claimLease = Objects.requireNonNull(claimLease, "claimLease");
        if (claimLease.isNegative() || claimLease.isZero()) {
            throw new IllegalArgumentException("claimLease must be more than zero: " + claimLease);
        }
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    @Override
    public CompletionStage<Document> upload(UploadDocumentCommand command) {
        return upload(command, EMBEDDED_CALLER);
    }

    @Override
    public CompletionStage<Document> upload(UploadDocumentCommand command, String callerKey) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(callerKey, "callerKey");
        return new RecordedUpload(this, command, callerKey).start();
    }

    /** The fingerprint of what {@code command} asks: owner, type and the digest declared so far. */
    static String fingerprint(UploadDocumentCommand command) {
        String request = command.owner().kind() + ":" + command.owner().value() + "|" + command.type().wire() + "|"
                + command.file().declaredDigest().declared().map(Fingerprint::sha256Hex).orElse("");
        return HexFormat.of().formatHex(HashingContent.sha256().digest(request.getBytes(StandardCharsets.UTF_8)));
    }

    UploadDocumentUseCase uploads() {
        return uploads;
    }

    GetDocumentUseCase documents() {
        return documents;
    }

    Journal journal() {
        return journal;
    }

    IdempotencyRecords records() {
        return records;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    Clock clock() {
        return clock;
    }

    String replica() {
        return replica;
    }

    Duration claimLease() {
        return claimLease;
    }

    ChangeRecorder.Observer observer() {
        return observer;
    }

    /** The attempt this command is, as the journal records its start. */
    UploadAttempt attempt(UploadDocumentCommand command, String callerKey) {
        return new UploadAttempt(command.owner(), command.type(), callerKey,
                command.idempotencyKey().map(KeyHash::of), OptionalLong.empty(),
                command.file().declaredDigest().declared().map(Fingerprint::sha256Hex), clock.instant(), replica);
    }

    /** A command whose content is {@code content} instead. */
    static UploadDocumentCommand withContent(UploadDocumentCommand command, HashingContent content) {
        FileUpload file = command.file();
        return new UploadDocumentCommand(command.owner(), command.type(),
                new FileUpload(file.fileName(), content, file.declaredDigest()), command.idempotencyKey());
    }

    /** The outcome code of a failure, as the journal records it. */
    static String outcomeOf(Throwable error) {
        Throwable cause = Completions.unwrap(error);
        if (cause instanceof DocumentException e) {
            return e.code().name();
        }
        if (cause instanceof CancellationException) {
            return CANCELLED;
        }
        if (cause instanceof StoreUnavailableException) {
            return ErrorCode.SERVICE_UNAVAILABLE.name();
        }
        return FAILED;
    }

    /** The typed refusal of an upload whose store cannot answer. */
    static DocumentException unavailable(String what) {
        return DocumentError.of(ErrorCode.SERVICE_UNAVAILABLE, "The service's " + what + " is unavailable; nothing "
                + "was sent. Retry the upload (with the same idempotency key).").toException();
    }

    /** An upload the provider took whose end the journal could not record: retryable, and how to retry it. */
    static DocumentException endNotRecorded(boolean keyed) {
        return DocumentError.of(ErrorCode.SERVICE_UNAVAILABLE, "The upload reached the provider but the service's "
                + "audit journal could not record its end. " + (keyed
                ? "Retry the upload with the same idempotency key: it answers the same document."
                : "The document may exist: list the owner's documents before uploading again.")).toException();
    }

    /** The SHA-256 the first upload under a completed key recorded for {@code document}, if the journal has it. */
    CompletionStage<Optional<String>> firstSha256(DocumentId document) {
        return journal.history(HistoryQuery.of(document).limit(HistoryQuery.MAX_LIMIT)).thenApply(page ->
                page.entries().stream().filter(e -> e instanceof JournalEntry.UploadEnded ended
                        && ended.outcome().outcome().equals(UploadOutcome.CREATED)
                        && ended.outcome().document().equals(Optional.of(document)))
                        .map(e -> ((JournalEntry.UploadEnded) e).outcome().sha256()).flatMap(Optional::stream)
                        .findFirst());
    }

    /** Reads the whole content (bounded by 10 MiB), hashing it, without sending it anywhere. */
    static CompletableFuture<Void> read(HashingContent content) {
        return ChunkStreams.drain(content, chunk -> UploadRules.fileWithinSizeLimit(content.bytes(),
                UploadLimits.DWOLLA));
    }

    /** The refusal of a key reused for another file. */
    static DocumentException reused() {
        return DocumentError.of(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was used for a different request within the last 24 hours.").toException();
    }

    /** The refusal of a key still in use. */
    static DocumentException conflict() {
        return DocumentError.of(ErrorCode.CONFLICT, "A request with this Idempotency-Key is still being processed.")
                .toException();
    }
}
