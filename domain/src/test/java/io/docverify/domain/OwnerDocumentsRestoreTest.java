package io.docverify.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.owner.Customer;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.domain.review.FailureReason;
import io.docverify.domain.upload.FileKind;
import io.docverify.domain.upload.Fingerprint;
import io.docverify.domain.upload.InspectedFile;
import io.docverify.domain.upload.UploadLimits;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link OwnerDocuments#restore}: stored facts become an aggregate whose rules go on as before, without a replay. */
class OwnerDocumentsRestoreTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final CustomerId CUSTOMER = new CustomerId("cust-1");
    private static final Customer IN_DOCUMENT = new Customer(CUSTOMER, CustomerType.PERSONAL, CustomerStatus.DOCUMENT);

    private static Fingerprint fingerprint(int n) {
        return new Fingerprint(String.format("%064x", n));
    }

    private static Document pending(String id) {
        return Document.pending(new DocumentId(id), CUSTOMER, DocumentType.PASSPORT, T0);
    }

    private static DocumentError refusal(Result<OwnerDocuments.Change> result) {
        assertThat(result).isInstanceOf(Result.Refused.class);
        return ((Result.Refused<OwnerDocuments.Change>) result).error();
    }

    @Test
    void aRestoredFileIsStillADuplicateAndFourRestoredPendingStillFillTheLimit() {
        List<Document> four = List.of(pending("d-1"), pending("d-2"), pending("d-3"), pending("d-4"));
        OwnerDocuments full = OwnerDocuments.restore(IN_DOCUMENT, four, Map.of(fingerprint(1), new DocumentId("d-1"),
                fingerprint(2), new DocumentId("d-2"), fingerprint(3), new DocumentId("d-3"), fingerprint(4),
                new DocumentId("d-4")), UploadLimits.DWOLLA);

        assertThat(full.pendingCount()).isEqualTo(4);
        assertThat(refusal(full.upload(new DocumentId("d-5"), DocumentType.LICENSE,
                new InspectedFile(FileKind.PNG, 10, fingerprint(5)), T0)).code())
                .isEqualTo(ErrorCode.MAXIMUM_NUMBER_OF_RESOURCES);

        OwnerDocuments one = OwnerDocuments.restore(IN_DOCUMENT, List.of(pending("d-1")),
                Map.of(fingerprint(1), new DocumentId("d-1")), UploadLimits.DWOLLA);
        DocumentError duplicate = refusal(one.upload(new DocumentId("d-2"), DocumentType.PASSPORT,
                new InspectedFile(FileKind.PNG, 10, fingerprint(1)), T0));
        assertThat(duplicate.code()).isEqualTo(ErrorCode.DUPLICATE_RESOURCE);
        assertThat(duplicate.existingDocument()).contains(new DocumentId("d-1"));
    }

    @Test
    void factsAreTakenAsTheyWereWithoutReplayingTheRules() {
        // A verified customer with a rejected document: no upload rule would let this be built by commands now.
        var reviewed = new Document(new DocumentId("d-1"), Optional.empty(), DocumentType.ID_CARD, T0,
                new DocumentState.Rejected(FailureReason.of("ScanNotReadable"), List.of()));
        var verified = new Customer(CUSTOMER, CustomerType.PERSONAL, CustomerStatus.VERIFIED);

        OwnerDocuments restored = OwnerDocuments.restore(verified, List.of(reviewed), Map.of(), UploadLimits.DWOLLA);

        assertThat(restored.owner()).isEqualTo(verified);
        assertThat(restored.documents()).singleElement().satisfies(d -> {
            assertThat(d.owner()).contains(CUSTOMER);
            assertThat(d.failureReason().orElseThrow().reason()).isEqualTo("ScanNotReadable");
            assertThat(d.created()).isEqualTo(T0);
        });
        assertThat(restored.fingerprints()).isEmpty();
    }

    @Test
    void contradictoryFactsAreRefused() {
        assertThatThrownBy(() -> OwnerDocuments.restore(IN_DOCUMENT, List.of(pending("d-1"), pending("d-1")),
                Map.of(), UploadLimits.DWOLLA)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> OwnerDocuments.restore(IN_DOCUMENT, List.of(pending("d-1")),
                Map.of(fingerprint(1), new DocumentId("d-9")), UploadLimits.DWOLLA))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d-9");
        Document foreign = Document.pending(new DocumentId("d-1"), new CustomerId("cust-2"), DocumentType.PASSPORT, T0);
        assertThatThrownBy(() -> OwnerDocuments.restore(IN_DOCUMENT, List.of(foreign), Map.of(), UploadLimits.DWOLLA))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another owner");
    }
}
