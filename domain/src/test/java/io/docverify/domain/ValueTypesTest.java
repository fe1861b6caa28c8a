package io.docverify.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.error.FieldError;
import java.util.UUID;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ids, idempotency keys and document types: valid values pass, anything else is a ValidationError on a path. */
class ValueTypesTest {

    private static void assertValidationError(ThrowingCallable call, String fieldCode, String path) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DocumentException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
            assertThat(e.error().fieldErrors()).singleElement().satisfies(f -> {
                assertThat(f.code()).isEqualTo(fieldCode);
                assertThat(f.path()).isEqualTo(path);
            });
        });
    }

    // ------------------------------------------------------------ ids

    @Test
    void aDwollaUuidIsAValidIdOfEveryKind() {
        String uuid = UUID.randomUUID().toString();

        assertThat(new DocumentId(uuid).value()).isEqualTo(uuid);
        assertThat(new CustomerId(uuid).value()).isEqualTo(uuid);
        assertThat(new BeneficialOwnerId(uuid).value()).isEqualTo(uuid);
    }

    @Test
    void anIdOfOneAndOfSixtyFourCharactersPassesAndSixtyFiveIsInvalidFormat() {
        assertThat(new CustomerId("a").value()).isEqualTo("a");
        assertThat(new CustomerId("a".repeat(64)).value()).hasSize(64);
        assertValidationError(() -> new CustomerId("a".repeat(65)), FieldError.INVALID_FORMAT, "/customerId");
    }

    @Test
    void lettersDigitsDotsUnderscoresAndDashesAreAllowedAfterTheFirstCharacter() {
        assertThat(new DocumentId("Ab9._-z").value()).isEqualTo("Ab9._-z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "slash/inside", "-leading-dash", ".hidden", "_under", "ünïcode", "a\nb",
        "a?b", "../etc"})
    void anIdWithOtherCharactersIsInvalidFormat(String bad) {
        assertValidationError(() -> new DocumentId(bad), FieldError.INVALID_FORMAT, "/documentId");
        assertValidationError(() -> new CustomerId(bad), FieldError.INVALID_FORMAT, "/customerId");
        assertValidationError(() -> new BeneficialOwnerId(bad), FieldError.INVALID_FORMAT, "/beneficialOwnerId");
    }

    @Test
    void aMissingIdIsRequired() {
        for (String missing : new String[] {null, ""}) {
            assertValidationError(() -> new DocumentId(missing), FieldError.REQUIRED, "/documentId");
            assertValidationError(() -> new CustomerId(missing), FieldError.REQUIRED, "/customerId");
            assertValidationError(() -> new BeneficialOwnerId(missing), FieldError.REQUIRED, "/beneficialOwnerId");
        }
    }

    @Test
    void aCustomerAndABeneficialOwnerWithTheSameValueAreDifferentOwners() {
        OwnerId customer = new CustomerId("same");
        OwnerId owner = new BeneficialOwnerId("same");

        assertThat(customer).isNotEqualTo(owner);
        assertThat(customer.kind()).isEqualTo("customer");
        assertThat(owner.kind()).isEqualTo("beneficial-owner");
    }

    @Test
    void randomDocumentIdsAreUuidsAndDiffer() {
        DocumentId a = DocumentId.random();
        DocumentId b = DocumentId.random();

        assertThat(a).isNotEqualTo(b);
        assertThat(UUID.fromString(a.value()).toString()).isEqualTo(a.value());
    }

    // ------------------------------------------------------------ idempotency keys

    @Test
    void anIdempotencyKeyOfOneAndOf255PrintableCharactersPasses() {
        assertThat(new IdempotencyKey("k").value()).isEqualTo("k");
        assertThat(new IdempotencyKey("k".repeat(IdempotencyKey.MAX_LENGTH)).value()).hasSize(255);
        assertThat(new IdempotencyKey("!~{}[]:/@").value()).isEqualTo("!~{}[]:/@");
        assertThat(IdempotencyKey.random()).isNotEqualTo(IdempotencyKey.random());
    }

    @Test
    void anIdempotencyKeyOf256CharactersIsAValidationError() {
        assertValidationError(() -> new IdempotencyKey("k".repeat(256)), FieldError.INVALID_FORMAT,
                "/idempotencyKey");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "with space", "tab\tkey", "newline\n", "ümlaut", "del\u007f"})
    void anEmptyKeyOrOneWithSpacesControlOrNonAsciiCharactersIsAValidationError(String bad) {
        assertValidationError(() -> new IdempotencyKey(bad), FieldError.INVALID_FORMAT, "/idempotencyKey");
    }

    @Test
    void aMissingIdempotencyKeyIsAValidationError() {
        assertValidationError(() -> new IdempotencyKey(null), FieldError.INVALID_FORMAT, "/idempotencyKey");
    }

    // ------------------------------------------------------------ document types

    @Test
    void everyDocumentTypeIsReadFromDwollasSpelling() {
        for (DocumentType type : DocumentType.values()) {
            assertThat(DocumentType.fromWire(type.wire())).isEqualTo(type);
        }
        assertThat(DocumentType.values()).extracting((Function<DocumentType, String>) DocumentType::wire)
                .containsExactly("passport", "license", "idCard", "other");
    }

    @ParameterizedTest
    @ValueSource(strings = {"idcard", "Passport", "driversLicense", "pdf", " passport"})
    void anUnknownDocumentTypeIsInvalidOnDocumentType(String bad) {
        assertValidationError(() -> DocumentType.fromWire(bad), FieldError.INVALID, "/documentType");
    }

    @Test
    void aMissingDocumentTypeIsRequired() {
        assertValidationError(() -> DocumentType.fromWire(null), FieldError.REQUIRED, "/documentType");
        assertValidationError(() -> DocumentType.fromWire(""), FieldError.REQUIRED, "/documentType");
    }
}
