package io.docverify.application;

import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.upload.Fingerprint;
import io.docverify.ports.in.UploadDocumentCommand;
import io.docverify.ports.out.IdempotencyRecords;
import io.docverify.ports.out.KeyHash;
import io.docverify.ports.out.UploadOutcome;
import io.docverify.ports.stream.Completions;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** One upload through {@link RecordedUploads}: its start, its claim, the provider's upload or the replay, its end. */
final class RecordedUpload {
    private final RecordedUploads service;
    private final UploadDocumentCommand command;
    private final String callerKey;
    private final HashingContent content;
    private final CompletableFuture<Document> result = new CompletableFuture<>();

    // Set once, before the stages that read them.
    private volatile long attemptId;
    private volatile IdempotencyRecords.Token token;
    private volatile Future<?> upstream;
    private volatile ScheduledFuture<?> renewal;

    RecordedUpload(RecordedUploads service, UploadDocumentCommand command, String callerKey) {
        this.service = service;
        this.command = command;
        this.callerKey = callerKey;
        this.content = new HashingContent(command.file().content());
    }

    CompletionStage<Document> start() {
        CompletionStage<Long> started;
        try {
            started = service.journal().uploadStarted(service.attempt(command, callerKey));
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        started.whenComplete((id, error) -> {
            if (error != null) {
                result.completeExceptionally(RecordedUploads.unavailable("audit journal"));
                return;
            }
            attemptId = id;
            if (result.isCancelled()) {
                end(Optional.empty(), RecordedUploads.CANCELLED);
                return;
            }
            claim();
        });
        result.whenComplete((document, error) -> {
            if (result.isCancelled()) {
                Future<?> u = upstream;
                if (u != null) {
                    u.cancel(true);
                }
            }
        });
        return result;
    }

    private void claim() {
        if (command.idempotencyKey().isEmpty()) {
            upload();
            return;
        }
        CompletionStage<IdempotencyRecords.Claim> claimed;
        try {
            claimed = service.records().claim(callerKey, KeyHash.of(command.idempotencyKey().get()),
                    RecordedUploads.fingerprint(command), service.claimLease());
        } catch (RuntimeException e) {
            claimed = CompletableFuture.failedFuture(e);
        }
        claimed.whenComplete((claim, error) -> {
            if (error != null) {
                fail(RecordedUploads.unavailable("idempotency store"));
            } else if (claim instanceof IdempotencyRecords.Claimed c) {
                token = c.token();
                renewEveryThirdOfTheLease();
                upload();
            } else if (claim instanceof IdempotencyRecords.Completed c) {
                replay(c.document());
            } else if (claim instanceof IdempotencyRecords.Running) {
                fail(RecordedUploads.conflict());
            } else {
                fail(RecordedUploads.reused());
            }
        });
    }

    private void renewEveryThirdOfTheLease() {
        long every = Math.max(1, service.claimLease().toMillis() / 3);
        try {
            renewal = service.scheduler().scheduleAtFixedRate(() -> {
                IdempotencyRecords.Token t = token;
                try {
                    service.records().renew(t, service.claimLease()).whenComplete((held, error) -> {
                        if (error != null) {
                            service.observer().failed("renew an idempotency claim", Completions.unwrap(error));
                        }
                    });
                } catch (RuntimeException e) {
                    service.observer().failed("renew an idempotency claim", e);
                }
            }, every, every, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Shutting down: the claim's lease runs out by itself.
        }
    }

    private void upload() {
        CompletableFuture<Document> created;
        try {
            created = service.uploads().upload(RecordedUploads.withContent(command, content)).toCompletableFuture();
        } catch (RuntimeException e) {
            created = CompletableFuture.failedFuture(e);
        }
        upstream = created;
        if (result.isCancelled()) {
            created.cancel(true);
        }
        created.whenComplete((document, error) -> {
            stopRenewal();
            IdempotencyRecords.Token t = token;
            if (error != null) {
                settle(t == null ? null : service.records().release(t), "release an idempotency claim")
                        .whenComplete((v, e) -> fail(error));
                return;
            }
            settle(t == null ? null : service.records().complete(t, document.id()), "complete an idempotency claim")
                    .whenComplete((v, e) -> answer(document, UploadOutcome.CREATED));
        });
    }

    /** A completed key: read the content, check it is the first upload's file, answer the first document. */
    private void replay(DocumentId first) {
        CompletableFuture<Void> read = RecordedUploads.read(content);
        upstream = read;
        read.thenCompose(v -> {
            var declared = command.file().declaredDigest();
            var refusal = content.sha256Hex().map(Fingerprint::new).flatMap(declared::check);
            if (refusal.isPresent()) {
                throw refusal.get().toException();
            }
            return service.firstSha256(first);
        }).thenCompose(sha -> {
            if (sha.isPresent() && !sha.equals(content.sha256Hex())) {
                throw RecordedUploads.reused();
            }
            return service.documents().get(first);
        }).whenComplete((document, error) -> {
            if (error != null) {
                fail(error);
                return;
            }
            answer(document.withOwner(command.owner()), UploadOutcome.DUPLICATE);
        });
    }

    private void stopRenewal() {
        ScheduledFuture<?> r = renewal;
        if (r != null) {
            r.cancel(false);
        }
    }

    private CompletionStage<?> settle(CompletionStage<?> stage, String what) {
        if (stage == null) {
            return CompletableFuture.completedFuture(null);
        }
        return stage.handle((v, error) -> {
            if (error != null) {
                service.observer().failed(what, Completions.unwrap(error));
            }
            return null;
        });
    }

    /** Records the end of the failed upload, then fails the result with {@code error}. */
    private void fail(Throwable error) {
        Throwable cause = Completions.unwrap(error);
        end(Optional.empty(), RecordedUploads.outcomeOf(cause)).whenComplete((v, e) ->
                result.completeExceptionally(cause));
    }

    /**
     * Records the end, then answers {@code document}; an end that cannot be recorded is not answered OK (what the
     * service acknowledges is recorded first) but {@code ServiceUnavailable}: a retry with the same idempotency key
     * gets the document (the claim completed, or Dwolla's own Idempotency-Key) without a second one.
     */
    private void answer(Document document, String outcome) {
        end(Optional.of(document), outcome).whenComplete((recorded, e) -> {
            if (recorded) {
                result.complete(document);
            } else {
                result.completeExceptionally(RecordedUploads.endNotRecorded(command.idempotencyKey().isPresent()));
            }
        });
    }

    /** Records the end; completes with true when recorded, false when recording failed (reported). */
    private CompletionStage<Boolean> end(Optional<Document> document, String outcome) {
        UploadOutcome ended;
        try {
            ended = new UploadOutcome(document.map(Document::id), outcome, content.bytes(), content.sha256Hex(),
                    service.clock().instant());
            return service.journal().uploadEnded(attemptId, ended).handle((sequence, error) -> {
                if (error != null) {
                    service.observer().failed("record an upload's end", Completions.unwrap(error));
                    return false;
                }
                return true;
            });
        } catch (RuntimeException e) {
            service.observer().failed("record an upload's end", e);
            return CompletableFuture.completedFuture(false);
        }
    }
}
