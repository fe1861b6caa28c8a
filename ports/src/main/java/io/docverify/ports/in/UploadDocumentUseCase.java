package io.docverify.ports.in;

import io.docverify.domain.Document;
import java.util.concurrent.CompletionStage;

/** Upload an identity document for a customer or a beneficial owner. */
public interface UploadDocumentUseCase {
    /**
     * Uploads the file; completes with the created document (pending), or fails with a
     * {@link io.docverify.domain.error.DocumentException} carrying Dwolla's code ({@code notFound},
     * {@code invalidResourceState}, {@code invalidFileType}, {@code fileTooLarge},
     * {@code maximumNumberOfResources}, {@code DuplicateResource}, {@code ValidationError}, ...).
     */
    CompletionStage<Document> upload(UploadDocumentCommand command);
}
