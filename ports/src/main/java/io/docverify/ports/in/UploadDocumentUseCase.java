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
     *
     * <p>Only a file whose content completes ({@code onComplete}) can become a document. A content that fails
     * ({@code onError}), or an upload whose stage the caller cancels
     * ({@code toCompletableFuture().cancel(true)}) before the content completed, creates nothing: the content's
     * subscription is cancelled and the idempotency key is free again at once. A cancel after the content
     * completed may come too late to stop the document; a retry with the same key then gets that document.
     */
    CompletionStage<Document> upload(UploadDocumentCommand command);

    /**
     * As {@link #upload(UploadDocumentCommand)}, on behalf of the calling API key named {@code callerKey} (never
     * the key itself): the name an implementation that journals uploads records, and the scope its idempotency
     * keys are claimed in. The default ignores it.
     */
    default CompletionStage<Document> upload(UploadDocumentCommand command, String callerKey) {
        return upload(command);
    }
}
