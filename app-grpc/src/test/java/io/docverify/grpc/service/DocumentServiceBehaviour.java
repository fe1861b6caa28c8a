package io.docverify.grpc.service;

import static io.docverify.grpc.Calls.assertError;
import static io.docverify.grpc.Calls.errorOf;
import static io.docverify.grpc.Calls.passportOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docverify.grpc.Calls;
import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentProto.DocumentStatus;
import io.docverify.grpc.v1.DocumentProto.DocumentType;
import io.docverify.grpc.v1.DocumentProto.VerificationStatus;
import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentsRequest;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentsResponse;
import io.docverify.grpc.v1.DocumentServiceProto.UploadMetadata;
import io.docverify.grpc.v1.SandboxServiceProto.CreateCustomerRequest;
import io.docverify.grpc.v1.SandboxServiceProto.CustomerStatus;
import io.docverify.ports.contract.TestFiles;
import io.grpc.Status;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * UploadDocument, GetDocument and ListDocuments with the errors the in-memory backend produces.
 */
abstract class DocumentServiceBehaviour extends InstrumentedBehaviour {
    @Test
    void anUploadReturnsAPendingDocumentOfItsOwner() {
        Document document = Calls.upload(server, passportOf(customer), TestFiles.png());

        assertThat(document.getId()).isNotEmpty();
        assertThat(document.getCustomerId()).isEqualTo(customer);
        assertThat(document.getType()).isEqualTo(DocumentType.DOCUMENT_TYPE_PASSPORT);
        assertThat(document.getStatus()).isEqualTo(DocumentStatus.DOCUMENT_STATUS_PENDING);
        assertThat(document.getVerificationStatus()).isEqualTo(VerificationStatus.VERIFICATION_STATUS_PENDING);
        assertThat(document.getCreated().getSeconds()).isPositive();
        assertThat(document.hasFailureReason()).isFalse();
        assertThat(document.getAllFailureReasonsList()).isEmpty();
    }

    @Test
    void aBeneficialOwnerCanUploadToo() {
        String owner = Calls.beneficialOwnerAwaitingDocuments(server);
        Document document = Calls.upload(server, UploadMetadata.newBuilder().setBeneficialOwnerId(owner)
                .setDocumentType(DocumentType.DOCUMENT_TYPE_LICENSE).setFileName("licence.jpg").build(),
                TestFiles.jpeg());

        assertThat(document.getBeneficialOwnerId()).isEqualTo(owner);
        assertThat(document.getType()).isEqualTo(DocumentType.DOCUMENT_TYPE_LICENSE);
    }

    @Test
    void getDocumentReturnsTheUploadedDocument() {
        Document uploaded = Calls.upload(server, passportOf(customer), TestFiles.png());

        Document read = server.documents().getDocument(GetDocumentRequest.newBuilder()
                .setDocumentId(uploaded.getId()).build()).getDocument();

        assertThat(read).isEqualTo(uploaded);
    }

    @Test
    void anUnknownDocumentIsNotFound() {
        var e = errorOf(() -> server.documents().getDocument(GetDocumentRequest.newBuilder()
                .setDocumentId("no-such-document").build()));

        assertError(e, Status.Code.NOT_FOUND, "notFound");
    }

    @ParameterizedTest
    @MethodSource("badDocumentIds")
    void aMissingOrMalformedDocumentIdIsAValidationError(String id) {
        var e = errorOf(() -> server.documents().getDocument(GetDocumentRequest.newBuilder().setDocumentId(id)
                .build()));

        var info = assertError(e, Status.Code.INVALID_ARGUMENT, "ValidationError");
        assertThat(info.getMetadataMap()).containsEntry("fieldPaths", "/documentId");
    }

    static Stream<String> badDocumentIds() {
        return Stream.of("", "has space", "../etc/passwd", "x".repeat(65));
    }

    @Test
    void listDocumentsReturnsTheOwnersDocumentsNewestFirstWithTheTotal() {
        Document first = Calls.upload(server, passportOf(customer), TestFiles.png());
        Document second = Calls.upload(server, passportOf(customer), TestFiles.jpeg());
        Document third = Calls.upload(server, passportOf(customer), TestFiles.png());

        ListDocumentsResponse list = server.documents().listDocuments(ListDocumentsRequest.newBuilder()
                .setCustomerId(customer).build());

        assertThat(list.getTotal()).isEqualTo(3);
        assertThat(list.getDocumentsList()).extracting(Document::getId)
                .containsExactlyInAnyOrder(first.getId(), second.getId(), third.getId());
        assertThat(list.getDocumentsList()).isSortedAccordingTo(Comparator
                .comparing((Document d) -> d.getCreated().getSeconds() * 1_000_000_000L + d.getCreated().getNanos())
                .reversed().thenComparing(Document::getId));
        assertThat(list.getDocumentsList()).allMatch(d -> d.getCustomerId().equals(customer));
    }

    @Test
    void listingAnUnknownCustomerIsNotFound() {
        var e = errorOf(() -> server.documents().listDocuments(ListDocumentsRequest.newBuilder()
                .setCustomerId("unknown-customer").build()));

        assertError(e, Status.Code.NOT_FOUND, "notFound");
    }

    @Test
    void listingWithoutAnOwnerIsAValidationError() {
        var e = errorOf(() -> server.documents().listDocuments(ListDocumentsRequest.getDefaultInstance()));

        var info = assertError(e, Status.Code.INVALID_ARGUMENT, "ValidationError");
        assertThat(info.getMetadataMap()).containsEntry("fieldPaths", "/owner");
    }

    @Test
    void uploadingForAnUnknownCustomerIsNotFound() {
        var e = errorOf(() -> Calls.upload(server, passportOf("unknown-customer"), TestFiles.png()));

        assertError(e, Status.Code.NOT_FOUND, "notFound");
    }

    @Test
    void uploadingForAVerifiedCustomerIsAFailedPrecondition() {
        String verified = server.sandbox().createCustomer(CreateCustomerRequest.newBuilder()
                .setStatus(CustomerStatus.CUSTOMER_STATUS_VERIFIED).build()).getCustomer().getId();

        var e = errorOf(() -> Calls.upload(server, passportOf(verified), TestFiles.png()));

        assertError(e, Status.Code.FAILED_PRECONDITION, "invalidResourceState");
    }

    @Test
    void aFifthPendingUploadIsResourceExhausted() {
        for (int i = 0; i < 4; i++) {
            Calls.upload(server, passportOf(customer), TestFiles.png());
        }

        var e = errorOf(() -> Calls.upload(server, passportOf(customer), TestFiles.png()));

        assertError(e, Status.Code.RESOURCE_EXHAUSTED, "maximumNumberOfResources");
    }

    @Test
    void theSameFileTwiceIsAlreadyExistsAndLinksTheFirstDocument() {
        byte[] png = TestFiles.png();
        Document first = Calls.upload(server, passportOf(customer), png);

        var e = errorOf(() -> Calls.upload(server, passportOf(customer), png));

        var info = assertError(e, Status.Code.ALREADY_EXISTS, "DuplicateResource");
        assertThat(info.getMetadataMap()).containsEntry("existingDocumentId", first.getId());
    }

    @Test
    void aGifIsAnInvalidFileType() {
        var e = errorOf(() -> Calls.upload(server, passportOf(customer), TestFiles.gif()));

        assertError(e, Status.Code.INVALID_ARGUMENT, "invalidFileType");
    }

    @Test
    void aPdfPassportIsAnInvalidFileType() {
        var e = errorOf(() -> Calls.upload(server, passportOf(customer), TestFiles.pdf()));

        assertError(e, Status.Code.INVALID_ARGUMENT, "invalidFileType");
    }

    @Test
    void anEmptyFileIsAValidationError() {
        var e = errorOf(() -> Calls.upload(server, passportOf(customer), new byte[0]));

        var info = assertError(e, Status.Code.INVALID_ARGUMENT, "ValidationError");
        assertThat(info.getMetadataMap()).containsEntry("fieldPaths", "/file");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMetadata")
    void badMetadataIsAValidationErrorNamingTheField(String description, UploadMetadata.Builder metadata,
            String path) {
        UploadMetadata m = metadata.build();
        if (m.getOwnerCase() == UploadMetadata.OwnerCase.CUSTOMER_ID && m.getCustomerId().equals("CUSTOMER")) {
            m = m.toBuilder().setCustomerId(customer).build();
        }
        UploadMetadata request = m;

        var e = errorOf(() -> Calls.upload(server, request, TestFiles.png()));

        var info = assertError(e, Status.Code.INVALID_ARGUMENT, "ValidationError");
        assertThat(info.getMetadataMap()).containsEntry("fieldPaths", path);
    }

    static Stream<Arguments> badMetadata() {
        UploadMetadata.Builder valid = UploadMetadata.newBuilder().setCustomerId("CUSTOMER")
                .setDocumentType(DocumentType.DOCUMENT_TYPE_PASSPORT).setFileName("id.png");
        return Stream.of(
                Arguments.of("no owner", valid.clone().clearOwner(), "/owner"),
                Arguments.of("empty customer id", valid.clone().setCustomerId(""), "/customerId"),
                Arguments.of("malformed customer id", valid.clone().setCustomerId("not an id!"), "/customerId"),
                Arguments.of("empty beneficial owner id", valid.clone().setBeneficialOwnerId(""),
                        "/beneficialOwnerId"),
                Arguments.of("unspecified document type",
                        valid.clone().setDocumentType(DocumentType.DOCUMENT_TYPE_UNSPECIFIED), "/documentType"),
                Arguments.of("unknown document type number", valid.clone().setDocumentTypeValue(99),
                        "/documentType"),
                Arguments.of("empty file name", valid.clone().setFileName(""), "/file"),
                Arguments.of("file name with a slash", valid.clone().setFileName("../id.png"), "/file"),
                Arguments.of("idempotency key with a space", valid.clone().setIdempotencyKey("a key"),
                        "/idempotencyKey"));
    }

    @Test
    void theSameIdempotencyKeyAndFileReturnTheFirstDocument() {
        byte[] png = TestFiles.png();
        UploadMetadata withKey = passportOf(customer).toBuilder().setIdempotencyKey("key-" + customer).build();

        Document first = Calls.upload(server, withKey, png);
        Document again = Calls.upload(server, withKey, png);

        assertThat(again.getId()).isEqualTo(first.getId());
        assertThat(server.documents().listDocuments(ListDocumentsRequest.newBuilder().setCustomerId(customer)
                .build()).getTotal()).isEqualTo(1);
    }

    @Test
    void anIdempotencyKeyReusedForAnotherFileIsAnInvalidArgument() {
        UploadMetadata withKey = passportOf(customer).toBuilder().setIdempotencyKey("reused-" + customer).build();
        Calls.upload(server, withKey, TestFiles.png());

        var e = errorOf(() -> Calls.upload(server, withKey, TestFiles.png()));

        assertError(e, Status.Code.INVALID_ARGUMENT, "IdempotencyKeyReused");
    }

    @Test
    void anIdempotencyKeyStillInUseIsAbortedAsAConflict() {
        UploadMetadata withKey = passportOf(customer).toBuilder().setIdempotencyKey("busy-" + customer).build();
        byte[] png = TestFiles.png();
        var first = Calls.open(server.documentsAsync())
                .send(Calls.metadataMessage(withKey))
                .send(Calls.chunkMessage(png));
        await().atMost(Duration.ofSeconds(10)).until(() -> backend.chunksSeen.get() > 0);

        var e = errorOf(() -> Calls.upload(server, withKey, TestFiles.png()));

        assertError(e, Status.Code.ABORTED, "Conflict");
        first.send(Calls.finishMessage(png.length)).requests().onCompleted();
        assertThat(Calls.await(first.result()).getCustomerId()).isEqualTo(customer);
    }
}
