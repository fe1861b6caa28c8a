package io.docverify.adapter.inmemory;

import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.ports.sandbox.NewBeneficialOwner;
import io.docverify.ports.sandbox.NewCustomer;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Dwolla's sandbox naming conventions (Dwolla's "Testing: customers" guide): the status of a new customer or
 * beneficial owner is chosen by its first name. A business has no {@code kba} status (Dwolla's business
 * customer statuses are verified, suspended, deactivated, document, retry), so for a business {@code kba} is just
 * a name; and {@code businessName} {@code document} asks for business documents unless the controller's name
 * asks for another status than the default {@code verified}.
 */
final class SandboxConventions {
    private static final Set<CustomerStatus> PERSONAL_NAMED_STATUSES = EnumSet.of(CustomerStatus.VERIFIED,
            CustomerStatus.RETRY, CustomerStatus.KBA, CustomerStatus.DOCUMENT, CustomerStatus.SUSPENDED);
    private static final Set<CustomerStatus> BUSINESS_NAMED_STATUSES = EnumSet.of(CustomerStatus.RETRY,
            CustomerStatus.DOCUMENT, CustomerStatus.SUSPENDED);

    private SandboxConventions() {
    }

    static CustomerStatus statusOf(NewCustomer customer) {
        if (customer.status().isPresent()) {
            return customer.status().get();
        }
        if (!customer.type().isVerifiedType()) {
            return CustomerStatus.UNVERIFIED;
        }
        boolean business = customer.type() == CustomerType.BUSINESS;
        Optional<CustomerStatus> named = CustomerStatus.fromWire(lower(customer.firstName()))
                .filter(business ? BUSINESS_NAMED_STATUSES::contains : PERSONAL_NAMED_STATUSES::contains);
        if (named.isPresent()) {
            return named.get();
        }
        if (business
                && customer.businessName().map(n -> lower(n).equals("document")).orElse(false)) {
            return CustomerStatus.DOCUMENT;
        }
        return CustomerStatus.VERIFIED;
    }

    static BeneficialOwnerStatus statusOf(NewBeneficialOwner owner) {
        if (owner.status().isPresent()) {
            return owner.status().get();
        }
        return BeneficialOwnerStatus.fromWire(lower(owner.firstName()))
                .filter(s -> s != BeneficialOwnerStatus.VERIFIED)
                .orElse(BeneficialOwnerStatus.VERIFIED);
    }

    private static String lower(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }
}
