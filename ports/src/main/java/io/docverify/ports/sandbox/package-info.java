/**
 * Inbound port of an offline sandbox: seed owners and review documents, as Dwolla's sandbox allows.
 *
 * <p>Where the work happens: in the provider that has a sandbox (the in-memory stand-in implements
 * {@link io.docverify.ports.sandbox.SandboxUseCase} itself; the gRPC sandbox service calls it directly, and the
 * Dwolla test server hands it to its tests). No application service sits in between: nothing of docverify's own
 * happens on the way.
 */
package io.docverify.ports.sandbox;
