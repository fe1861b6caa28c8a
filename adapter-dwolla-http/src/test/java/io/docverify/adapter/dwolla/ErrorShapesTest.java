package io.docverify.adapter.dwolla;

import static io.docverify.adapter.dwolla.FaultMatrixTest.await;
import static io.docverify.adapter.dwolla.FaultMatrixTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.domain.CustomerId;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentType;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.dwollaserver.ErrorStyle;
import io.docverify.dwollaserver.RecordedRequest;
import io.docverify.dwollaserver.Route;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.out.DocumentSubmission;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Refusals only Dwolla can decide (a PDF business document for a personal customer, the same file twice), in
 * both of Dwolla's documented error shapes: the caller gets the same code either way.
 */
class ErrorShapesTest {

    @ParameterizedTest
    @EnumSource(ErrorStyle.class)
    void aPdfBusinessDocumentOfAPersonalCustomerIsAnInvalidFileTypeDecidedByDwolla(ErrorStyle style) {
        try (Harness h = Harness.start()) {
            h.server.errorStyle(style);
            CustomerId personal = h.customer();

            DocumentException refusal = refusal(h.provider.create(DocumentSubmission.of(personal,
                    DocumentType.OTHER, TestFiles.upload("ein.pdf", TestFiles.pdf()))));

            assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_FILE_TYPE);
            assertThat(h.server.journal().of(Route.CREATE_CUSTOMER_DOCUMENT)).extracting(RecordedRequest::status)
                    .containsExactly(400); // the customer might have been a business: only Dwolla could tell
        }
    }

    @ParameterizedTest
    @EnumSource(ErrorStyle.class)
    void theSameFileTwiceIsADuplicateResourceLinkingTheFirst(ErrorStyle style) {
        try (Harness h = Harness.start()) {
            h.server.errorStyle(style);
            CustomerId customer = h.customer();
            byte[] file = TestFiles.png();
            Document first = await(h.provider.create(DocumentSubmission.of(customer, DocumentType.PASSPORT,
                    TestFiles.upload("a.png", file))));

            DocumentException refusal = refusal(h.provider.create(DocumentSubmission.of(customer,
                    DocumentType.PASSPORT, TestFiles.upload("b.png", file))));

            assertThat(refusal.code()).isEqualTo(ErrorCode.DUPLICATE_RESOURCE);
            assertThat(refusal.error().existingDocument()).contains(first.id());
            assertThat(refusal.error().wireCode()).isEqualTo(style == ErrorStyle.ENDPOINT_TABLE
                    ? "DuplicateResource" : "ValidationError");
        }
    }
}
