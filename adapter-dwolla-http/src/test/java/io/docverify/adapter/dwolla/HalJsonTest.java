package io.docverify.adapter.dwolla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.domain.CustomerId;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentStatus;
import io.docverify.domain.DocumentType;
import io.docverify.domain.VerificationStatus;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.review.FailureReason;
import io.docverify.domain.review.KnownFailureReason;
import io.docverify.ports.out.DocumentPage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HalJsonTest {
    private static final CustomerId OWNER = new CustomerId("c-1");

    private static Document document(String json) {
        return HalJson.document(json.getBytes(StandardCharsets.UTF_8), Optional.empty());
    }

    private static void assertProtocolError(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DwollaFailure.class, f -> {
            assertThat(f.error().code()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
            assertThat(f.kind()).isEqualTo(DwollaFailure.Kind.FINAL);
        });
    }

    @Test
    void aPendingDocumentAsDwollaPublishesItWithUnknownFieldsIgnored() {
        Document d = document("""
                {"_links":{"self":{"href":"https://api-sandbox.dwolla.com/documents/56502f7a-fa59-4a2f-8579-0f8bc9d7b9cc",
                  "type":"application/vnd.dwolla.v1.hal+json","resource-type":"document"}},
                 "id":"56502f7a-fa59-4a2f-8579-0f8bc9d7b9cc","status":"pending","type":"passport",
                 "created":"2015-09-29T21:42:16.000Z","documentVerificationStatus":"pending",
                 "someFieldDwollaAddsLater":{"nested":[1,2]}}""");

        assertThat(d.id()).isEqualTo(new DocumentId("56502f7a-fa59-4a2f-8579-0f8bc9d7b9cc"));
        assertThat(d.type()).isEqualTo(DocumentType.PASSPORT);
        assertThat(d.created()).isEqualTo(Instant.parse("2015-09-29T21:42:16Z"));
        assertThat(d.status()).isEqualTo(DocumentStatus.PENDING);
        assertThat(d.verificationStatus()).isEqualTo(VerificationStatus.PENDING);
        assertThat(d.owner()).isEmpty();
    }

    @Test
    void aRejectedDocumentKeepsItsPrimaryAndAllReasonsWithDwollasDescriptions() {
        Document d = document("""
                {"id":"d-1","status":"reviewed","type":"license","created":"2020-01-02T03:04:05Z",
                 "documentVerificationStatus":"rejected","failureReason":"ScanDobMismatch",
                 "allFailureReasons":[{"reason":"ScanNotReadable","description":"Image blurry"},
                                      {"reason":"ScanDobMismatch","description":"Scan DOB does not match DOB on account"}]}""");

        assertThat(d.verificationStatus()).isEqualTo(VerificationStatus.REJECTED);
        assertThat(d.failureReason()).contains(new FailureReason("ScanDobMismatch",
                "Scan DOB does not match DOB on account"));
        assertThat(d.allFailureReasons()).extracting(FailureReason::reason)
                .containsExactly("ScanNotReadable", "ScanDobMismatch");
    }

    @Test
    void aRejectionWithoutAllFailureReasonsGetsTheCataloguedReason() {
        Document d = document("""
                {"id":"d-1","status":"reviewed","type":"idCard","created":"2020-01-02T03:04:05+00:00",
                 "documentVerificationStatus":"rejected","failureReason":"ScanNotReadable"}""");

        assertThat(d.failureReason()).contains(KnownFailureReason.SCAN_NOT_READABLE.reason());
        assertThat(d.allFailureReasons()).containsExactly(KnownFailureReason.SCAN_NOT_READABLE.reason());
    }

    @Test
    void anUnknownFailureReasonIsKeptAsItCame() {
        Document d = document("""
                {"id":"d-1","status":"reviewed","type":"passport","created":"2020-01-02T03:04:05Z",
                 "documentVerificationStatus":"rejected","failureReason":"ScanHologramMissing",
                 "allFailureReasons":[{"reason":"ScanHologramMissing","description":"new"}]}""");

        assertThat(d.failureReason()).contains(new FailureReason("ScanHologramMissing", "new"));
        assertThat(d.failureReason().orElseThrow().known()).isEmpty();
    }

    @Test
    void anAcceptedDocumentHasNoReasons() {
        Document d = document("""
                {"id":"d-1","status":"reviewed","type":"other","created":"2020-01-02T03:04:05Z",
                 "documentVerificationStatus":"accepted","failureReason":null,"allFailureReasons":[]}""");

        assertThat(d.verificationStatus()).isEqualTo(VerificationStatus.ACCEPTED);
        assertThat(d.failureReason()).isEmpty();
    }

    @Test
    void aDocumentFromBeforeDocumentVerificationStatusIsReadFromItsReason() {
        Document rejected = document("""
                {"id":"d-1","status":"reviewed","type":"passport","created":"2018-01-02T03:04:05Z",
                 "failureReason":"ScanIdExpired"}""");
        Document accepted = document("""
                {"id":"d-2","status":"reviewed","type":"passport","created":"2018-01-02T03:04:05Z"}""");

        assertThat(rejected.verificationStatus()).isEqualTo(VerificationStatus.REJECTED);
        assertThat(accepted.verificationStatus()).isEqualTo(VerificationStatus.ACCEPTED);
    }

    @Test
    void aRejectedDocumentWithoutAFailureReasonIsAProtocolError() {
        assertProtocolError(() -> document("""
                {"id":"d-1","status":"reviewed","type":"passport","created":"2020-01-02T03:04:05Z",
                 "documentVerificationStatus":"rejected"}"""));
        assertProtocolError(() -> document("""
                {"id":"d-1","status":"reviewed","type":"passport","created":"2020-01-02T03:04:05Z",
                 "documentVerificationStatus":"rejected","failureReason":"",
                 "allFailureReasons":[{"reason":"ScanNotReadable"}]}"""));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // impossible pairs
            "{\"id\":\"d\",\"status\":\"pending\",\"type\":\"passport\",\"created\":\"2020-01-02T03:04:05Z\",\"documentVerificationStatus\":\"rejected\",\"failureReason\":\"ScanNotReadable\"}",
            "{\"id\":\"d\",\"status\":\"pending\",\"type\":\"passport\",\"created\":\"2020-01-02T03:04:05Z\",\"documentVerificationStatus\":\"accepted\"}",
            "{\"id\":\"d\",\"status\":\"reviewed\",\"type\":\"passport\",\"created\":\"2020-01-02T03:04:05Z\",\"documentVerificationStatus\":\"pending\"}",
            "{\"id\":\"d\",\"status\":\"reviewed\",\"type\":\"passport\",\"created\":\"2020-01-02T03:04:05Z\",\"documentVerificationStatus\":\"accepted\",\"failureReason\":\"ScanNotReadable\"}",
            // unknown values, malformed fields
            "{\"id\":\"d\",\"status\":\"archived\",\"type\":\"passport\",\"created\":\"2020-01-02T03:04:05Z\"}",
            "{\"id\":\"d\",\"status\":\"pending\",\"type\":\"selfie\",\"created\":\"2020-01-02T03:04:05Z\"}",
            "{\"id\":\"not an id!\",\"status\":\"pending\",\"type\":\"passport\",\"created\":\"2020-01-02T03:04:05Z\"}",
            "{\"status\":\"pending\",\"type\":\"passport\",\"created\":\"2020-01-02T03:04:05Z\"}",
            "{\"id\":\"d\",\"status\":\"pending\",\"type\":\"passport\",\"created\":\"yesterday\"}",
            "{\"id\":\"d\",\"status\":\"pending\",\"type\":\"passport\"}",
            // not JSON, truncated, trailing garbage, not an object
            "{\"id\":\"d\",\"status\":\"pend",
            "{\"id\":\"d\",\"status\":\"pending\",\"type\":\"passport\",\"created\":\"2020-01-02T03:04:05Z\"} trailing",
            "<html>oops</html>",
            "null",
            ""})
    void whatTheModelCannotRepresentIsAProtocolError(String json) {
        assertProtocolError(() -> document(json));
    }

    @Test
    void aListIsNewestFirstWithItsTotalAndTheOwnerFilledIn() {
        DocumentPage list = HalJson.documents("""
                {"_links":{"self":{"href":"https://api.dwolla.com/customers/c-1/documents"}},
                 "_embedded":{"documents":[
                   {"id":"old","status":"pending","type":"passport","created":"2020-01-01T00:00:00Z","documentVerificationStatus":"pending"},
                   {"id":"new","status":"pending","type":"license","created":"2021-01-01T00:00:00Z","documentVerificationStatus":"pending"}]},
                 "total":2}""".getBytes(StandardCharsets.UTF_8), OWNER);

        assertThat(list.total()).isEqualTo(2);
        assertThat(list.documents()).extracting(d -> d.id().value()).containsExactly("new", "old");
        assertThat(list.documents()).allSatisfy(d -> assertThat(d.owner()).contains(OWNER));
    }

    @Test
    void anEmptyListIsEmpty() {
        DocumentPage list = HalJson.documents("{\"_embedded\":{\"documents\":[]},\"total\":0}"
                .getBytes(StandardCharsets.UTF_8), OWNER);

        assertThat(list.documents()).isEmpty();
        assertThat(list.total()).isZero();
    }

    @Test
    void aListWithoutDocumentsOrWithATotalBelowItsSizeIsAProtocolError() {
        assertProtocolError(() -> HalJson.documents("{\"total\":0}".getBytes(StandardCharsets.UTF_8), OWNER));
        assertProtocolError(() -> HalJson.documents("""
                {"_embedded":{"documents":[{"id":"a","status":"pending","type":"passport","created":"2020-01-01T00:00:00Z"}]},
                 "total":0}""".getBytes(StandardCharsets.UTF_8), OWNER));
        assertProtocolError(() -> HalJson.documents("""
                {"_embedded":{"documents":[{"id":"a","status":"reviewed","type":"passport","created":"2020-01-01T00:00:00Z",
                 "documentVerificationStatus":"rejected"}]},"total":1}""".getBytes(StandardCharsets.UTF_8), OWNER));
    }
}
