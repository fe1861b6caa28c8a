package io.docverify.adapter.dwolla;

import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.OwnerId;

/** Dwolla's resource paths. Ids are validated tokens ({@code [A-Za-z0-9._-]}), safe in a path as they are. */
final class Paths {
    private Paths() {
    }

    /** {@code /customers/{id}/documents} or {@code /beneficial-owners/{id}/documents}. */
    static String documentsOf(OwnerId owner) {
        if (owner instanceof CustomerId c) {
            return "/customers/" + c.value() + "/documents";
        }
        return "/beneficial-owners/" + ((BeneficialOwnerId) owner).value() + "/documents";
    }
}
