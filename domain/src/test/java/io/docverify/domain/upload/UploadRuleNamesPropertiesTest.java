package io.docverify.domain.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.docverify.domain.CustomerId;
import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.owner.Customer;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** For any attempt, a refusal names the first rule of {@link UploadRules#ALL} that refuses it, and only it. */
class UploadRuleNamesPropertiesTest {

    @Test
    void aRefusalNamesTheFirstRuleThatRefuses() {
        CustomerType[] types = CustomerType.values();
        // the fourth source packs the owner's type, the pending count (0..6) and whether the file is a duplicate
        qt().forAll(arbitrary().enumValues(CustomerStatus.class), arbitrary().enumValues(FileKind.class),
                longs().between(0, UploadLimits.TEN_MIB + 2), integers().between(0, types.length * 14 - 1))
                .checkAssert((status, kind, size, packed) -> {
                    CustomerType ownerType = types[packed / 14];
                    long pending = packed % 7;
                    boolean duplicate = (packed / 7) % 2 == 1;
                    var attempt = new UploadAttempt(new Customer(new CustomerId("c-1"), ownerType, status),
                            DocumentType.OTHER, new InspectedFile(kind, size, new Fingerprint("ab".repeat(32))), pending,
                            duplicate ? Optional.of(new DocumentId("d-1")) : Optional.empty(), UploadLimits.DWOLLA);

                    Optional<String> first = UploadRules.ALL.stream()
                            .filter(rule -> rule.check(attempt).isPresent())
                            .map(UploadRules.Named::ruleName).findFirst();

                    assertThat(UploadRules.check(attempt).flatMap(DocumentError::rule)).isEqualTo(first);
                    assertThat(UploadRules.check(attempt).isPresent()).isEqualTo(first.isPresent());
                });
    }
}
