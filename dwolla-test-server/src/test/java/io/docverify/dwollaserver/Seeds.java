package io.docverify.dwollaserver;

import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.ports.sandbox.NewBeneficialOwner;
import io.docverify.ports.sandbox.NewCustomer;
import java.util.concurrent.TimeUnit;

/** Seeds owners in the server's sandbox. */
final class Seeds {
    private Seeds() {
    }

    static String customer(DwollaTestServer server, CustomerType type, CustomerStatus status) {
        return join(server.sandbox().createCustomer(NewCustomer.inStatus(type, status))).id().value();
    }

    /** A personal customer awaiting documents. */
    static String customerAwaitingDocuments(DwollaTestServer server) {
        return customer(server, CustomerType.PERSONAL, CustomerStatus.DOCUMENT);
    }

    static String beneficialOwner(DwollaTestServer server, BeneficialOwnerStatus status) {
        return join(server.sandbox().createBeneficialOwner(NewBeneficialOwner.inStatus(status))).id().value();
    }

    static Document review(DwollaTestServer server, String documentId, ReviewDecision decision) {
        return join(server.sandbox().reviewDocument(new DocumentId(documentId), decision));
    }

    /** How many documents the backend holds for a customer (behind the HTTP API). */
    static int customerDocuments(DwollaTestServer server, String customerId) {
        return join(server.backend().list(new io.docverify.domain.CustomerId(customerId))).total();
    }

    static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
