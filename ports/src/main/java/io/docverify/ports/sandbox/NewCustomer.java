package io.docverify.ports.sandbox;

import io.docverify.domain.CustomerId;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer to create in a sandbox. The status is either given, or derived as Dwolla's sandbox does from the
 * names: a personal customer whose {@code firstName} is {@code verified}, {@code retry}, {@code kba},
 * {@code document} or {@code suspended} gets that status; a business gets {@code retry}, {@code document} or
 * {@code suspended} from its controller's first name, else {@code retry} or {@code document} from its
 * {@code businessName} (a business has no {@code kba}); any other verified customer is {@code verified}; an
 * unverified or receive-only customer is {@code unverified}.
 */
public record NewCustomer(Optional<CustomerId> id, CustomerType type, String firstName, String lastName,
        Optional<String> businessName, Optional<CustomerStatus> status) {
    public NewCustomer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        firstName = firstName == null ? "" : firstName;
        lastName = lastName == null ? "" : lastName;
        Objects.requireNonNull(businessName, "businessName");
        Objects.requireNonNull(status, "status");
    }

    /** A verified customer of the given type in the given status, with a generated id. */
    public static NewCustomer inStatus(CustomerType type, CustomerStatus status) {
        return new NewCustomer(Optional.empty(), type, "Jane", "Doe",
                type == CustomerType.BUSINESS ? Optional.of("Jane's Business") : Optional.empty(),
                Optional.of(status));
    }

    /** A customer named as in Dwolla's sandbox, e.g. {@code firstName = "document"}. */
    public static NewCustomer named(CustomerType type, String firstName, String lastName) {
        return new NewCustomer(Optional.empty(), type, firstName, lastName, Optional.empty(), Optional.empty());
    }
}
