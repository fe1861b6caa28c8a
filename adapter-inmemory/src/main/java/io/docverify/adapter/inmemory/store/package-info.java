/**
 * In-memory stores behind the outbound ports that keep the service's own state (the webhook inbox, the journal, the idempotency records, the change notifications): the embedded
 * default, lost when the process ends; a durable implementation (PostgreSQL) sits behind the same ports.
 */
package io.docverify.adapter.inmemory.store;
