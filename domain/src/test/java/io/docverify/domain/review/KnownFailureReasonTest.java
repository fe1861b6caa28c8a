package io.docverify.domain.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KnownFailureReasonTest {

    /** Dwolla's twelve reasons with the long descriptions of its API examples (FACTS.md, RESEARCH.md §2.1). */
    private static final Map<String, String> DWOLLA_CATALOGUE = new LinkedHashMap<>();

    static {
        DWOLLA_CATALOGUE.put("BusinessDocNotSupported", "Business document not supported");
        DWOLLA_CATALOGUE.put("BusinessNameMismatch", "Business name on account does not match document");
        DWOLLA_CATALOGUE.put("BusinessTypeMismatch", "Business type chosen does not match document");
        DWOLLA_CATALOGUE.put("ForeignPassportNotAllowed",
                "The passport's country of origin was not the United States of America");
        DWOLLA_CATALOGUE.put("ScanDobMismatch", "Scan DOB does not match DOB on account");
        DWOLLA_CATALOGUE.put("ScanFailedOther", "ID may be fraudulent or a generic example ID image");
        DWOLLA_CATALOGUE.put("ScanIdExpired", "ID is expired or missing expiration date");
        DWOLLA_CATALOGUE.put("ScanIdTypeNotSupported",
                "ID may be a military ID, firearm license, or other unsupported ID type");
        DWOLLA_CATALOGUE.put("ScanIdUnrecognized", "ID is not recognized");
        DWOLLA_CATALOGUE.put("ScanNameMismatch", "Scan name does not match name on account");
        DWOLLA_CATALOGUE.put("ScanNotReadable", "Image blurry, too dark, or obscured by glare");
        DWOLLA_CATALOGUE.put("ScanNotUploaded", "Scan not uploaded");
    }

    @Test
    void theCatalogueHoldsExactlyDwollasTwelveCodesWithTheirDescriptions() {
        Map<String, String> catalogue = new LinkedHashMap<>();
        for (KnownFailureReason r : KnownFailureReason.values()) {
            catalogue.put(r.code(), r.description());
        }

        assertThat(catalogue).containsExactlyEntriesOf(DWOLLA_CATALOGUE);
    }

    @Test
    void thereIsNoPlainFailedOtherCode() {
        assertThat(KnownFailureReason.fromCode("FailedOther")).isEmpty();
    }

    @Test
    void eachCodeIsFoundInAnyCase() {
        for (KnownFailureReason r : KnownFailureReason.values()) {
            assertThat(KnownFailureReason.fromCode(r.code())).contains(r);
            assertThat(KnownFailureReason.fromCode(r.code().toLowerCase())).contains(r);
            assertThat(KnownFailureReason.fromCode(r.code().toUpperCase())).contains(r);
        }
        assertThat(KnownFailureReason.fromCode(null)).isEmpty();
        assertThat(KnownFailureReason.fromCode("")).isEmpty();
    }

    @Test
    void aCatalogueReasonCarriesItsCodeAndDescription() {
        FailureReason reason = KnownFailureReason.SCAN_DOB_MISMATCH.reason();

        assertThat(reason).isEqualTo(new FailureReason("ScanDobMismatch", "Scan DOB does not match DOB on account"));
        assertThat(reason.known()).contains(KnownFailureReason.SCAN_DOB_MISMATCH);
        assertThat(reason.customerEffect()).isEqualTo(OwnerEffect.RETRY);
    }

    @Test
    void ofAKnownCodeGivesTheCatalogueDescriptionEvenInAnotherCase() {
        assertThat(FailureReason.of("ScanNotReadable")).isEqualTo(KnownFailureReason.SCAN_NOT_READABLE.reason());
        assertThat(FailureReason.of("scannotreadable")).isEqualTo(KnownFailureReason.SCAN_NOT_READABLE.reason());
    }

    @Test
    void ofAnUnknownCodeKeepsTheCodeAsItCameWithAnEmptyDescription() {
        FailureReason later = FailureReason.of("ScanHologramMissing");

        assertThat(later.reason()).isEqualTo("ScanHologramMissing");
        assertThat(later.description()).isEmpty();
        assertThat(later.known()).isEmpty();
        assertThat(later.customerEffect()).isEqualTo(OwnerEffect.STAYS_IN_DOCUMENT);
    }

    @Test
    void anUnknownReasonKeepsTheDescriptionItCameWith() {
        var later = new FailureReason("ScanHologramMissing", "Hologram missing");

        assertThat(later.description()).isEqualTo("Hologram missing");
        assertThat(new FailureReason("ScanHologramMissing", null).description()).isEmpty();
    }

    @Test
    void aFailureReasonNeedsACode() {
        for (String blank : Arrays.asList(null, "", "  ")) {
            assertThatThrownBy(() -> new FailureReason(blank, "x")).isInstanceOfSatisfying(DocumentException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR));
        }
    }

    @Test
    void rejectWithCatalogueReasonsKeepsTheirOrder() {
        var decision = (ReviewDecision.Reject) ReviewDecision.reject(KnownFailureReason.SCAN_ID_EXPIRED,
                KnownFailureReason.SCAN_NOT_READABLE);

        assertThat(decision.reasons()).containsExactly(KnownFailureReason.SCAN_ID_EXPIRED.reason(),
                KnownFailureReason.SCAN_NOT_READABLE.reason());
    }
}
