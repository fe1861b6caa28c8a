package io.docverify.domain.owner;

import io.docverify.domain.BeneficialOwnerId;
import java.util.Objects;

/** A beneficial owner of a business customer; it uploads personal identity documents only. */
public record BeneficialOwner(BeneficialOwnerId id, BeneficialOwnerStatus status) implements Owner {
    public BeneficialOwner {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }

    @Override
    public boolean isBusiness() {
        return false;
    }

    @Override
    public boolean awaitsDocuments() {
        return status.awaitsDocuments();
    }

    @Override
    public BeneficialOwner withStatus(OwnerStatus next) {
        if (!(next instanceof BeneficialOwnerStatus s)) {
            throw new IllegalArgumentException("A beneficial owner cannot be in customer status " + next);
        }
        return new BeneficialOwner(id, s);
    }
}
