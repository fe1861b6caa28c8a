package io.docverify.ports.sandbox;

import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * A beneficial owner to create in a sandbox. The status is either given, or derived as Dwolla's sandbox does
 * from {@code firstName}: {@code incomplete} or {@code document} gives that status, any other name
 * {@code verified}.
 */
public record NewBeneficialOwner(Optional<BeneficialOwnerId> id, String firstName, String lastName,
        Optional<BeneficialOwnerStatus> status) {
    public NewBeneficialOwner {
        Objects.requireNonNull(id, "id");
        firstName = firstName == null ? "" : firstName;
        lastName = lastName == null ? "" : lastName;
        Objects.requireNonNull(status, "status");
    }

    /** A beneficial owner in the given status, with a generated id. */
    public static NewBeneficialOwner inStatus(BeneficialOwnerStatus status) {
        return new NewBeneficialOwner(Optional.empty(), "John", "Doe", Optional.of(status));
    }
}
