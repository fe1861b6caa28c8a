package io.docverify.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.domain.CustomerId;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import io.docverify.domain.DocumentState;
import io.docverify.domain.DocumentType;
import io.docverify.domain.IdempotencyKey;
import io.docverify.ports.in.DocumentList;
import io.docverify.ports.file.FileUpload;
import io.docverify.ports.in.UploadDocumentCommand;
import io.docverify.ports.out.DocumentPage;
import io.docverify.ports.out.DocumentProvider;
import io.docverify.ports.out.DocumentSubmission;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class DocumentServiceTest {
    private static final CustomerId OWNER = new CustomerId("c1");
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    /** A provider that answers like Dwolla's GET by id: documents without their owner, in any order. */
    private static class AnonymousProvider implements DocumentProvider {
        final List<Document> documents;

        AnonymousProvider(List<Document> documents) {
            this.documents = documents;
        }

        @Override
        public CompletionStage<Document> create(DocumentSubmission submission) {
            return CompletableFuture.completedFuture(documents.get(0));
        }

        @Override
        public CompletionStage<Document> get(DocumentId id) {
            return CompletableFuture.completedFuture(documents.get(0));
        }

        @Override
        public CompletionStage<DocumentPage> list(OwnerId owner) {
            return CompletableFuture.completedFuture(DocumentPage.complete(documents));
        }
    }

    private static Document anonymous(String id, Instant created) {
        return new Document(new DocumentId(id), Optional.empty(), DocumentType.PASSPORT, created,
                DocumentState.Pending.INSTANCE);
    }

    @Test
    void listsComeNewestFirstWithTiesByIdAndNameTheirOwner() {
        var service = new DocumentService(new AnonymousProvider(List.of(
                anonymous("b", T0), anonymous("old", T0.minusSeconds(60)), anonymous("new", T0.plusSeconds(60)),
                anonymous("a", T0))));

        DocumentList list = service.listForCustomer(OWNER).toCompletableFuture().join();

        assertThat(list.documents()).extracting(d -> d.id().value()).containsExactly("new", "a", "b", "old");
        assertThat(list.documents()).allSatisfy(d -> assertThat(d.owner()).contains(OWNER));
        assertThat(list.total()).isEqualTo(4);
    }

    @Test
    void anUploadedDocumentNamesTheOwnerItWasUploadedFor() {
        var service = new DocumentService(new AnonymousProvider(List.of(anonymous("d1", T0))));

        Document created = service.upload(UploadDocumentCommand.of(OWNER, DocumentType.PASSPORT,
                FileUpload.ofBytes("scan.png", new byte[1]))).toCompletableFuture().join();

        assertThat(created.owner()).contains(OWNER);
    }

    @Test
    void theProviderIsHandedTheCommandsOwnerTypeFileAndKey() {
        var handed = new CompletableFuture<DocumentSubmission>();
        var service = new DocumentService(new AnonymousProvider(List.of(anonymous("d1", T0))) {
            @Override
            public CompletionStage<Document> create(DocumentSubmission submission) {
                handed.complete(submission);
                return super.create(submission);
            }
        });
        var file = FileUpload.ofBytes("scan.png", new byte[1]);
        var key = IdempotencyKey.random();

        service.upload(UploadDocumentCommand.of(OWNER, DocumentType.LICENSE, file).withIdempotencyKey(key))
                .toCompletableFuture().join();

        assertThat(handed.join()).isEqualTo(new DocumentSubmission(OWNER, DocumentType.LICENSE, file,
                Optional.of(key)));
    }

    @Test
    void cancellingAnUploadCancelsTheProvidersStage() {
        var pending = new CompletableFuture<Document>();
        var service = new DocumentService(new AnonymousProvider(List.of(anonymous("d1", T0))) {
            @Override
            public CompletionStage<Document> create(DocumentSubmission submission) {
                return pending;
            }
        });

        CompletableFuture<Document> upload = service.upload(UploadDocumentCommand.of(OWNER, DocumentType.PASSPORT,
                FileUpload.ofBytes("scan.png", new byte[1]))).toCompletableFuture();
        upload.cancel(true);

        assertThat(pending).as("the provider hears of the cancel, so it can stop reading").isCancelled();
    }
}
