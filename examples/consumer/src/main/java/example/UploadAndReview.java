package example;

import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.adapter.inmemory.InMemoryDwolla;
import io.docverify.application.DocumentEventBus;
import io.docverify.application.DocumentService;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentType;
import io.docverify.domain.IdempotencyKey;
import io.docverify.domain.owner.Customer;
import io.docverify.domain.owner.CustomerType;
import io.docverify.domain.owner.Owner;
import io.docverify.domain.review.KnownFailureReason;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.ports.file.FileUpload;
import io.docverify.ports.in.UploadDocumentCommand;
import io.docverify.ports.out.DocumentIdSource;
import io.docverify.ports.sandbox.NewCustomer;
import java.nio.file.Path;

/** Uploads a passport scan to the in-memory stand-in for Dwolla, plays Dwolla's reviewer, reads the outcome. */
public final class UploadAndReview {

    public static void main(String[] args) {
        Path scan = Path.of(args[0]); // a passport scan: JPEG, PNG or PDF

        var events = new DocumentEventBus();
        events.subscribe(event -> System.out.println(event.topic() + " " + event.resourceId()));

        try (var dwolla = new InMemoryDwolla(InMemoryConfig.DEFAULTS, events, DocumentIdSource.RANDOM)) {
            var documents = new DocumentService(dwolla);

            // A customer waiting for documents, named as in Dwolla's sandbox.
            Customer customer = dwolla.createCustomer(NewCustomer.named(CustomerType.PERSONAL, "document", "Doe"))
                    .toCompletableFuture().join();

            // Upload a scan: streamed from disk, its kind read from its bytes, only its SHA-256 kept.
            // (FileUpload.withSha256(fingerprint) makes the provider refuse other bytes: ValidationError /file/sha256.)
            Document uploaded = documents.upload(UploadDocumentCommand
                            .of(customer.id(), DocumentType.PASSPORT, FileUpload.ofPath("passport.jpg", scan))
                            .withIdempotencyKey(IdempotencyKey.random()))
                    .toCompletableFuture().join();                          // status pending

            // Play Dwolla's reviewer: reject for a date-of-birth mismatch.
            dwolla.reviewDocument(uploaded.id(), ReviewDecision.reject(KnownFailureReason.SCAN_DOB_MISMATCH))
                    .toCompletableFuture().join();

            Document reviewed = documents.get(uploaded.id()).toCompletableFuture().join();
            System.out.println(reviewed.status().wire() + " " + reviewed.verificationStatus().wire() + " "
                    + reviewed.failureReason().orElseThrow().reason());      // reviewed rejected ScanDobMismatch
            Owner now = dwolla.owner(customer.id()).toCompletableFuture().join();
            System.out.println(now.status().wire());                        // retry
        }
        // The bus printed customer_verification_document_uploaded, customer_verification_document_failed and
        // customer_reverification_needed, each with the id of the document or customer it concerns.
    }
}
