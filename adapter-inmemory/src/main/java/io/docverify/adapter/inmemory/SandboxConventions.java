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
 * Dwolla's sandbox naming conventions (Dwolla's testing guide "Customers"): the status of a new customer or
 * beneficial owner is chosen by a status word in its name.
 * <ul>
 *   <li>Personal: {@code firstName} {@code verified}, {@code retry}, {@code kba}, {@code document} or
 *       {@code suspended}.
 *   <li>Business: the controller's {@code firstName} {@code retry}, {@code document} or {@code suspended};
 *       otherwise {@code businessName} {@code retry} or {@code document}. A business has no {@code kba} status
 *       (Dwolla's business customer statuses are verified, suspended, deactivated, document, retry), so there
 *       {@code kba} is just a name. When both names carry a word, the controller's wins (Dwolla does not say).
 *   <li>Beneficial owner: {@code firstName} {@code incomplete} or {@code document}.
 * </ul>
 * Words compare ignoring case and surrounding spaces; any other name gives {@code verified}.
 */
final class SandboxConventions {
    private static final Set<CustomerStatus> PERSONAL_NAMED_STATUSES = EnumSet.of(CustomerStatus.VERIFIED,
            CustomerStatus.RETRY, CustomerStatus.KBA, CustomerStatus.DOCUMENT, CustomerStatus.SUSPENDED);
    private static final Set<CustomerStatus> CONTROLLER_NAMED_STATUSES = EnumSet.of(CustomerStatus.RETRY,
            CustomerStatus.DOCUMENT, CustomerStatus.SUSPENDED);
    private static final Set<CustomerStatus> BUSINESS_NAMED_STATUSES = EnumSet.of(CustomerStatus.RETRY,
            CustomerStatus.DOCUMENT);

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
                .filter(business ? CONTROLLER_NAMED_STATUSES::contains : PERSONAL_NAMED_STATUSES::contains);
        if (business && named.isEmpty()) {
            named = customer.businessName().flatMap(n -> CustomerStatus.fromWire(lower(n)))
                    .filter(BUSINESS_NAMED_STATUSES::contains);
        }
        return named.orElse(CustomerStatus.VERIFIED);
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
