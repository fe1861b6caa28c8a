/**
 * The use-case implementations over the ports, and the in-process event bus.
 *
 * <p>Where a use case's work happens: Dwolla is the system of record, so the {@code DocumentProvider} does the
 * provider's part (the in-memory stand-in runs every upload rule and the atomic commit; the Dwolla adapter runs the
 * local pre-checks and sends). This layer orchestrates only what is docverify's own, whichever provider is wired
 * (today: list order, watches and reading the audit history from the journal; later recording into the journal, the
 * webhook inbox and the fan-out to other replicas).
 */
package io.docverify.application;
