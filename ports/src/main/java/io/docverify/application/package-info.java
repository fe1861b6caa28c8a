/**
 * The use-case implementations over the ports, and the in-process event bus.
 *
 * <p>Where a use case's work happens: Dwolla is the system of record, so the {@code DocumentProvider} does the
 * provider's part (the in-memory stand-in runs every upload rule and the atomic commit; the Dwolla adapter runs the
 * local pre-checks and sends). This layer orchestrates only what is docverify's own, whichever provider is wired
 * (list order and watches; the audit journal and the service's idempotency of uploads, {@link
 * io.docverify.application.RecordedUploads}; the journaling of changes, {@link io.docverify.application.ChangeRecorder};
 * reading the audit history, {@link io.docverify.application.HistoryService}; and the fan-out of other replicas'
 * changes, {@link io.docverify.application.ReplicaFanOut}).
 */
package io.docverify.application;
