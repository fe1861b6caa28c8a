/**
 * Inbound ports: the use cases the world calls (a gRPC service, a Java application embedding docverify), with
 * self-validating commands and the answers callers may rely on ({@link io.docverify.ports.in.DocumentList}: newest
 * first, each document naming its owner). Everything is asynchronous ({@code CompletionStage}); file content is a
 * bounded, back-pressured stream ({@link io.docverify.ports.file.FileUpload}).
 *
 * <p>Where the work happens: not here. These are interfaces and values; the services of
 * {@code io.docverify.application} implement them, and those hand an upload's work to the outbound
 * {@code DocumentProvider}. Nothing here knows the application services or the outbound ports.
 */
package io.docverify.ports.in;
