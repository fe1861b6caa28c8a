package io.docverify.domain.review;

/**
 * What a rejection for a given reason does to a customer who is waiting in {@code document} status, as Dwolla's
 * verification guides describe it.
 */
public enum OwnerEffect {
    /** The customer stays in {@code document}: a new upload is needed. */
    STAYS_IN_DOCUMENT,
    /** The customer moves to {@code retry}: the data on the account does not match the document. */
    RETRY,
    /** The customer is {@code suspended}: the document may be fraudulent. */
    SUSPEND
}
