package io.docverify.domain.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.owner.BeneficialOwner;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.Customer;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.domain.owner.Owner;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class UploadRulesTest {
    private static final Fingerprint SOME_FILE = new Fingerprint("ab".repeat(32));
    private static final DocumentId EARLIER = new DocumentId("earlier-document");

    private static Customer customer(CustomerType type, CustomerStatus status) {
        return new Customer(new CustomerId("c-1"), type, status);
    }

    private static BeneficialOwner beneficialOwner(BeneficialOwnerStatus status) {
        return new BeneficialOwner(new BeneficialOwnerId("bo-1"), status);
    }

    private static UploadAttempt attempt(Owner owner, DocumentType type, FileKind kind, long size, long pending,
            Optional<DocumentId> sameFileAs) {
        return new UploadAttempt(owner, type, new InspectedFile(kind, size, SOME_FILE), pending, sameFileAs,
                UploadLimits.DWOLLA);
    }

    /** A valid attempt of a personal customer in document status, with one thing changed by the caller. */
    private static UploadAttempt valid(Owner owner) {
        return attempt(owner, DocumentType.PASSPORT, FileKind.PNG, 1000, 0, Optional.empty());
    }

    private static Optional<ErrorCode> codeOf(UploadAttempt attempt) {
        return UploadRules.check(attempt).map(DocumentError::code);
    }

    // ------------------------------------------------------------ owner: invalidResourceState

    @ParameterizedTest
    @EnumSource(value = CustomerStatus.class, names = "DOCUMENT", mode = EnumSource.Mode.EXCLUDE)
    void aVerifiedCustomerTypeOutsideDocumentStatusIsInvalidResourceState(CustomerStatus status) {
        assertThat(codeOf(valid(customer(CustomerType.PERSONAL, status))))
                .contains(ErrorCode.INVALID_RESOURCE_STATE);
        assertThat(codeOf(valid(customer(CustomerType.BUSINESS, status))))
                .contains(ErrorCode.INVALID_RESOURCE_STATE);
    }

    @ParameterizedTest
    @EnumSource(value = CustomerType.class, names = {"PERSONAL", "BUSINESS"})
    void aVerifiedCustomerTypeInDocumentStatusMayUpload(CustomerType type) {
        assertThat(codeOf(valid(customer(type, CustomerStatus.DOCUMENT)))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = CustomerType.class, names = {"UNVERIFIED", "RECEIVE_ONLY"})
    void aCustomerOfAnUnverifiedOrReceiveOnlyTypeIsInvalidResourceStateEvenInDocumentStatus(CustomerType type) {
        assertThat(codeOf(valid(customer(type, CustomerStatus.DOCUMENT))))
                .contains(ErrorCode.INVALID_RESOURCE_STATE);
    }

    @ParameterizedTest
    @EnumSource(value = BeneficialOwnerStatus.class, names = {"INCOMPLETE", "VERIFIED"})
    void aBeneficialOwnerOutsideDocumentStatusIsInvalidResourceState(BeneficialOwnerStatus status) {
        assertThat(codeOf(valid(beneficialOwner(status)))).contains(ErrorCode.INVALID_RESOURCE_STATE);
    }

    @Test
    void aBeneficialOwnerInDocumentStatusMayUpload() {
        assertThat(codeOf(valid(beneficialOwner(BeneficialOwnerStatus.DOCUMENT)))).isEmpty();
    }

    @Test
    void theOwnerRefusalCarriesDwollasMessage() {
        assertThat(UploadRules.ownerAwaitsDocuments(customer(CustomerType.PERSONAL, CustomerStatus.VERIFIED)))
                .map(DocumentError::message).contains("Resource cannot be modified. Document creation not allowed "
                        + "for already verified Customers or non-verified Customer types.");
    }

    // ------------------------------------------------------------ file kind: invalidFileType

    @ParameterizedTest
    @EnumSource(DocumentType.class)
    void aJpegOrPngIsAllowedForEveryTypeAndEveryOwner(DocumentType type) {
        for (FileKind kind : new FileKind[] {FileKind.JPEG, FileKind.PNG}) {
            assertThat(UploadRules.fileKindAllowed(kind, type, Optional.of(customer(CustomerType.PERSONAL, CustomerStatus.DOCUMENT)))).isEmpty();
            assertThat(UploadRules.fileKindAllowed(kind, type, Optional.empty())).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(DocumentType.class)
    void aPdfIsAnInvalidFileTypeForEveryTypeOfAPersonalCustomer(DocumentType type) {
        var personal = customer(CustomerType.PERSONAL, CustomerStatus.DOCUMENT);

        assertThat(codeOf(attempt(personal, type, FileKind.PDF, 1000, 0, Optional.empty())))
                .contains(ErrorCode.INVALID_FILE_TYPE);
    }

    @ParameterizedTest
    @EnumSource(value = DocumentType.class, names = "OTHER", mode = EnumSource.Mode.EXCLUDE)
    void aPdfIsAnInvalidFileTypeForABusinessIdentityDocument(DocumentType type) {
        var business = customer(CustomerType.BUSINESS, CustomerStatus.DOCUMENT);

        assertThat(codeOf(attempt(business, type, FileKind.PDF, 1000, 0, Optional.empty())))
                .contains(ErrorCode.INVALID_FILE_TYPE);
    }

    @Test
    void aPdfPassesAsABusinessOtherDocument() {
        var business = customer(CustomerType.BUSINESS, CustomerStatus.DOCUMENT);

        assertThat(codeOf(attempt(business, DocumentType.OTHER, FileKind.PDF, 1000, 0, Optional.empty()))).isEmpty();
    }

    @Test
    void aPdfIsAnInvalidFileTypeForABeneficialOwnerEvenAsOther() {
        var owner = beneficialOwner(BeneficialOwnerStatus.DOCUMENT);

        assertThat(codeOf(attempt(owner, DocumentType.OTHER, FileKind.PDF, 1000, 0, Optional.empty())))
                .contains(ErrorCode.INVALID_FILE_TYPE);
    }

    @ParameterizedTest
    @EnumSource(DocumentType.class)
    void anUnknownKindIsAnInvalidFileTypeEvenForABusiness(DocumentType type) {
        var business = customer(CustomerType.BUSINESS, CustomerStatus.DOCUMENT);

        assertThat(codeOf(attempt(business, type, FileKind.UNKNOWN, 1000, 0, Optional.empty())))
                .contains(ErrorCode.INVALID_FILE_TYPE);
    }

    // ------------------------------------------------------------ size: empty and fileTooLarge

    @Test
    void exactlyTenMibPassesAndOneByteMoreIsFileTooLarge() {
        var owner = customer(CustomerType.PERSONAL, CustomerStatus.DOCUMENT);

        assertThat(codeOf(attempt(owner, DocumentType.PASSPORT, FileKind.PNG, UploadLimits.TEN_MIB, 0,
                Optional.empty()))).isEmpty();
        assertThat(codeOf(attempt(owner, DocumentType.PASSPORT, FileKind.PNG, UploadLimits.TEN_MIB + 1, 0,
                Optional.empty()))).contains(ErrorCode.FILE_TOO_LARGE);
        assertThat(UploadLimits.TEN_MIB).isEqualTo(10_485_760L);
        assertThat(UploadRules.fileWithinSizeLimit(UploadLimits.TEN_MIB + 1, UploadLimits.DWOLLA))
                .map(DocumentError::message).contains("Document requests are limited to 10 MiB.");
    }

    @Test
    void anEmptyFileIsAValidationErrorOnFileAndOneByteIsNot() {
        assertThat(UploadRules.fileNotEmpty(0)).hasValueSatisfying(error -> {
            assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
            assertThat(error.fieldErrors()).singleElement().satisfies(f -> assertThat(f.path()).isEqualTo("/file"));
        });
        assertThat(UploadRules.fileNotEmpty(1)).isEmpty();
    }

    // ------------------------------------------------------------ four pending: maximumNumberOfResources

    @Test
    void theFourthPendingUploadPassesAndTheFifthIsMaximumNumberOfResources() {
        var owner = customer(CustomerType.PERSONAL, CustomerStatus.DOCUMENT);

        assertThat(codeOf(attempt(owner, DocumentType.PASSPORT, FileKind.PNG, 1000, 3, Optional.empty())))
                .as("three pending, so this is the fourth").isEmpty();
        assertThat(codeOf(attempt(owner, DocumentType.PASSPORT, FileKind.PNG, 1000, 4, Optional.empty())))
                .as("four pending, so this would be the fifth").contains(ErrorCode.MAXIMUM_NUMBER_OF_RESOURCES);
        assertThat(UploadRules.belowPendingLimit(4, UploadLimits.DWOLLA)).map(DocumentError::message)
                .contains("Max of four files upload allowed. Please wait for Dwolla to manually check the documents.");
    }

    @Test
    void thePendingLimitFollowsTheConfiguredLimits() {
        var one = new UploadLimits(UploadLimits.TEN_MIB, 1);

        assertThat(UploadRules.belowPendingLimit(0, one)).isEmpty();
        assertThat(UploadRules.belowPendingLimit(1, one)).map(DocumentError::code)
                .contains(ErrorCode.MAXIMUM_NUMBER_OF_RESOURCES);
    }

    // ------------------------------------------------------------ same file: DuplicateResource

    @Test
    void theSameFileAgainIsADuplicateResourceThatLinksTheExistingDocument() {
        var owner = customer(CustomerType.PERSONAL, CustomerStatus.DOCUMENT);

        Optional<DocumentError> refusal = UploadRules.check(
                attempt(owner, DocumentType.LICENSE, FileKind.PNG, 1000, 0, Optional.of(EARLIER)));

        assertThat(refusal).hasValueSatisfying(error -> {
            assertThat(error.code()).isEqualTo(ErrorCode.DUPLICATE_RESOURCE);
            assertThat(error.existingDocument()).contains(EARLIER);
        });
    }

    // ------------------------------------------------------------ the order of ALL

    @Test
    void theRulesApplyInTheirDocumentedOrder() {
        Owner verified = customer(CustomerType.PERSONAL, CustomerStatus.VERIFIED);
        Owner waiting = customer(CustomerType.PERSONAL, CustomerStatus.DOCUMENT);
        long tooLarge = UploadLimits.TEN_MIB + 1;

        assertThat(UploadRules.ALL).hasSize(7);
        assertThat(codeOf(attempt(verified, DocumentType.PASSPORT, FileKind.UNKNOWN, 0, 4, Optional.of(EARLIER))))
                .contains(ErrorCode.INVALID_RESOURCE_STATE);
        assertThat(codeOf(attempt(waiting, DocumentType.PASSPORT, FileKind.UNKNOWN, 0, 4, Optional.of(EARLIER))))
                .contains(ErrorCode.VALIDATION_ERROR);
        assertThat(codeOf(attempt(waiting, DocumentType.PASSPORT, FileKind.UNKNOWN, tooLarge, 4,
                Optional.of(EARLIER)))).contains(ErrorCode.INVALID_FILE_TYPE);
        assertThat(codeOf(attempt(waiting, DocumentType.PASSPORT, FileKind.PNG, tooLarge, 4, Optional.of(EARLIER))))
                .contains(ErrorCode.FILE_TOO_LARGE);
        assertThat(codeOf(attempt(waiting, DocumentType.PASSPORT, FileKind.PNG, 1000, 4, Optional.of(EARLIER))))
                .contains(ErrorCode.MAXIMUM_NUMBER_OF_RESOURCES);
        assertThat(codeOf(attempt(waiting, DocumentType.PASSPORT, FileKind.PNG, 1000, 3, Optional.of(EARLIER))))
                .contains(ErrorCode.DUPLICATE_RESOURCE);
        assertThat(codeOf(attempt(waiting, DocumentType.PASSPORT, FileKind.PNG, 1000, 3, Optional.empty())))
                .isEmpty();
    }

    // ------------------------------------------------------------ each refusal names its rule

    private static Optional<String> ruleOf(UploadAttempt attempt) {
        return UploadRules.check(attempt).flatMap(DocumentError::rule);
    }

    @Test
    void eachRefusalNamesTheRuleThatGaveIt() {
        Owner verified = customer(CustomerType.PERSONAL, CustomerStatus.VERIFIED);
        Owner waiting = customer(CustomerType.PERSONAL, CustomerStatus.DOCUMENT);
        long tooLarge = UploadLimits.TEN_MIB + 1;

        assertThat(UploadRules.ALL).extracting(UploadRules.Named::ruleName).containsExactly("ownerExists",
                "ownerAwaitsDocuments", "fileNotEmpty", "fileKindAllowed", "fileWithinSizeLimit",
                "belowPendingLimit", "notADuplicate");
        assertThat(ruleOf(attempt(verified, DocumentType.PASSPORT, FileKind.PNG, 1000, 0, Optional.empty())))
                .contains("ownerAwaitsDocuments");
        assertThat(ruleOf(attempt(waiting, DocumentType.PASSPORT, FileKind.PNG, 0, 0, Optional.empty())))
                .contains("fileNotEmpty");
        assertThat(ruleOf(attempt(waiting, DocumentType.PASSPORT, FileKind.PDF, 1000, 0, Optional.empty())))
                .contains("fileKindAllowed");
        assertThat(ruleOf(attempt(waiting, DocumentType.PASSPORT, FileKind.PNG, tooLarge, 0, Optional.empty())))
                .contains("fileWithinSizeLimit");
        assertThat(ruleOf(attempt(waiting, DocumentType.PASSPORT, FileKind.PNG, 1000, 4, Optional.empty())))
                .contains("belowPendingLimit");
        assertThat(ruleOf(attempt(waiting, DocumentType.PASSPORT, FileKind.PNG, 1000, 0, Optional.of(EARLIER))))
                .contains("notADuplicate");
        assertThat(ruleOf(attempt(waiting, DocumentType.PASSPORT, FileKind.PNG, 1000, 0, Optional.empty())))
                .isEmpty();
    }
}
