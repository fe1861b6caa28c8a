/**
 * Outbound ports: what docverify needs from the world (a document provider, an event publisher, ids), stated in
 * types of their own ({@link io.docverify.ports.out.DocumentSubmission}, {@link io.docverify.ports.out.DocumentPage})
 * and the domain's, never in the inbound ports' or the application's.
 *
 * <p>Where the work happens: behind {@link io.docverify.ports.out.DocumentProvider}, in the adapters. Dwolla is the
 * system of record, so the provider does the provider's part of an upload: the in-memory stand-in loads the owner,
 * applies the idempotency key, runs every upload rule and commits atomically; the Dwolla adapter runs the local
 * pre-checks and Dwolla the rest.
 *
 * <p>The service's own state sits behind ports of its own, each with an in-memory implementation (the embedded
 * default, adapter-inmemory) and a durable one (PostgreSQL, adapter-postgres): the
 * {@link io.docverify.ports.out.WebhookInbox}, the audit {@link io.docverify.ports.out.Journal}, the service's
 * {@link io.docverify.ports.out.IdempotencyRecords} and the cross-replica
 * {@link io.docverify.ports.out.ChangeNotifications}. A store that cannot record fails with
 * {@link io.docverify.ports.out.StoreUnavailableException}: the request is refused with a retryable status, never
 * done unrecorded.
 */
package io.docverify.ports.out;
