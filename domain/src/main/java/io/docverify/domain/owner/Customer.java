package io.docverify.domain.owner;

import io.docverify.domain.CustomerId;
import java.util.Objects;

/** A Dwolla customer: its type decides whether it is verified at all, its status whether it may upload. */
public record Customer(CustomerId id, CustomerType type, CustomerStatus status) implements Owner {
    public Customer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
    }

    @Override
    public boolean isBusiness() {
        return type == CustomerType.BUSINESS;
    }

    @Override
    public boolean awaitsDocuments() {
        return type.isVerifiedType() && status.awaitsDocuments();
    }

    @Override
    public Customer withStatus(OwnerStatus next) {
        if (!(next instanceof CustomerStatus s)) {
            throw new IllegalArgumentException("A customer cannot be in beneficial-owner status " + next);
        }
        return new Customer(id, type, s);
    }
}
