package io.docverify.domain;

/**
 * Whom a document belongs to: a customer or a beneficial owner of a business customer. The two are separate
 * id spaces in Dwolla ({@code /customers/{id}} and {@code /beneficial-owners/{id}}).
 */
public sealed interface OwnerId permits CustomerId, BeneficialOwnerId {
    /** The id as Dwolla spells it. */
    String value();

    /** {@code "customer"} or {@code "beneficial-owner"}, for messages and paths. */
    String kind();
}
