package io.docverify.application;

import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import io.docverify.ports.stream.ChunkStreams;
import io.docverify.ports.in.DocumentList;
import io.docverify.ports.in.GetDocumentUseCase;
import io.docverify.ports.in.ListDocumentsUseCase;
import io.docverify.ports.in.UploadDocumentCommand;
import io.docverify.ports.in.UploadDocumentUseCase;
import io.docverify.ports.out.DocumentProvider;
import io.docverify.ports.out.DocumentSubmission;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The document use cases over one {@link DocumentProvider}.
 *
 * <p>Where the work happens: an upload's work is the provider's (Dwolla is the system of record). The in-memory
 * stand-in loads the owner, applies the idempotency key, runs every upload rule and commits atomically; the
 * Dwolla adapter runs the local pre-checks and Dwolla the rest. This service maps each inbound command onto the
 * provider's submission and adds what callers may rely on whichever provider is wired: documents name their
 * owner, lists come newest first, and cancelling an upload cancels the provider's work.
 */
public final class DocumentService implements UploadDocumentUseCase, GetDocumentUseCase, ListDocumentsUseCase {
    private final DocumentProvider provider;

    public DocumentService(DocumentProvider provider) {
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    @Override
    public CompletionStage<Document> upload(UploadDocumentCommand command) {
        Objects.requireNonNull(command, "command");
        var submission = new DocumentSubmission(command.owner(), command.type(), command.file(),
                command.idempotencyKey());
        CompletableFuture<Document> created = provider.create(submission).toCompletableFuture();
        // A caller that cancels the upload cancels the provider's stage, which stops reading the file.
        return ChunkStreams.cancelThrough(created.thenApply(d -> d.withOwner(command.owner())), created);
    }

    @Override
    public CompletionStage<Document> get(DocumentId id) {
        Objects.requireNonNull(id, "id");
        return provider.get(id);
    }

    @Override
    public CompletionStage<DocumentList> list(OwnerId owner) {
        Objects.requireNonNull(owner, "owner");
        return provider.list(owner).thenApply(page -> new DocumentList(
                page.documents().stream().map(d -> d.withOwner(owner)).sorted(Document.NEWEST_FIRST).toList(),
                page.total()));
    }
}
