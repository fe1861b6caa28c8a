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
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The use cases over one {@link DocumentProvider}. The provider enforces Dwolla's rules (the in-memory adapter
 * through the domain, the Dwolla adapter by asking Dwolla after the same local checks); this service adds what
 * callers may rely on whichever provider is wired: lists come newest first and name their owner.
 */
public final class DocumentService implements UploadDocumentUseCase, GetDocumentUseCase, ListDocumentsUseCase {
    private final DocumentProvider provider;

    public DocumentService(DocumentProvider provider) {
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    @Override
    public CompletionStage<Document> upload(UploadDocumentCommand command) {
        Objects.requireNonNull(command, "command");
        CompletableFuture<Document> created = provider.create(command).toCompletableFuture();
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
        return provider.list(owner).thenApply(list -> new DocumentList(
                list.documents().stream().map(d -> d.withOwner(owner)).sorted(Document.NEWEST_FIRST).toList(),
                list.total()));
    }
}
