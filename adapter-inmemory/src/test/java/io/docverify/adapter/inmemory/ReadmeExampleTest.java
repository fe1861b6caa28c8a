package io.docverify.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.application.DocumentEventBus;
import io.docverify.application.DocumentService;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentStatus;
import io.docverify.domain.DocumentType;
import io.docverify.domain.IdempotencyKey;
import io.docverify.domain.VerificationStatus;
import io.docverify.domain.event.DocumentEvent;
import io.docverify.domain.owner.Customer;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.domain.owner.Owner;
import io.docverify.domain.review.KnownFailureReason;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.file.FileUpload;
import io.docverify.ports.in.UploadDocumentCommand;
import io.docverify.ports.out.DocumentIdSource;
import io.docverify.ports.sandbox.NewCustomer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README's "Using the library from Java" (lines marked "test only" added), with its claims checked. */
class ReadmeExampleTest {

    @Test
    void theReadmeExampleRunsAsDescribed(@TempDir Path dir) throws Exception {
        Path scan = Files.write(dir.resolve("passport.jpg"), TestFiles.jpeg());
        List<DocumentEvent> seen = new CopyOnWriteArrayList<>();
        Document reviewed;
        Owner now;

        // ---- README example starts
        var events = new DocumentEventBus();
        events.subscribe(event -> System.out.println(event.topic() + " " + event.resourceId()));

        try (var dwolla = new InMemoryDwolla(InMemoryConfig.DEFAULTS, events, DocumentIdSource.RANDOM)) {
            var documents = new DocumentService(dwolla);
            events.subscribe(seen::add); // (test only)

            // A customer waiting for documents, named as in Dwolla's sandbox.
            Customer customer = dwolla.createCustomer(NewCustomer.named(CustomerType.PERSONAL, "document", "Doe"))
                    .toCompletableFuture().join();

            // Upload a scan: streamed from disk, its kind read from its bytes, only its SHA-256 kept.
            Document uploaded = documents.upload(UploadDocumentCommand
                            .of(customer.id(), DocumentType.PASSPORT, FileUpload.ofPath("passport.jpg", scan))
                            .withIdempotencyKey(IdempotencyKey.random()))
                    .toCompletableFuture().join();                          // status pending
            assertThat(uploaded.status()).isEqualTo(DocumentStatus.PENDING); // (test only)

            // Play Dwolla's reviewer: reject for a date-of-birth mismatch.
            dwolla.reviewDocument(uploaded.id(), ReviewDecision.reject(KnownFailureReason.SCAN_DOB_MISMATCH))
                    .toCompletableFuture().join();

            reviewed = documents.get(uploaded.id()).toCompletableFuture().join();
            now = dwolla.owner(customer.id()).toCompletableFuture().join();
        }
        // ---- README example ends

        assertThat(reviewed.status()).isEqualTo(DocumentStatus.REVIEWED);
        assertThat(reviewed.verificationStatus()).isEqualTo(VerificationStatus.REJECTED);
        assertThat(reviewed.failureReason()).contains(KnownFailureReason.SCAN_DOB_MISMATCH.reason());
        assertThat(now.status()).isEqualTo(CustomerStatus.RETRY);
        assertThat(seen).extracting(DocumentEvent::topic).containsExactly("customer_verification_document_uploaded",
                "customer_verification_document_failed", "customer_reverification_needed");
    }
}
