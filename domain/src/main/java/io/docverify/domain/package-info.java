/**
 * The pure model of Dwolla's identity-verification documents: ids, document types, the review state machine,
 * the failure-reason catalogue, the upload rules and the domain events.
 *
 * <p>This package and its sub-packages depend on nothing but the JDK (an ArchUnit test enforces it). Everything
 * the model needs from the world (clock, ids, storage, Dwolla) reaches it as a value or through a port.
 */
package io.docverify.domain;
