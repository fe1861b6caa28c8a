/**
 * A Dwolla-compatible HTTP test server for the documents API: token endpoint, the five document routes with
 * HAL+JSON bodies, Location headers and Dwolla's error bodies, backed by the in-memory adapter's rules, with a
 * {@link io.docverify.dwollaserver.FaultPlan} for fault injection, a {@link io.docverify.dwollaserver.Journal} of
 * every request and OpenAPI validation of every request and response ({@link
 * io.docverify.dwollaserver.DwollaOpenApiValidator}). Test infrastructure: never shipped in the service.
 */
package io.docverify.dwollaserver;
