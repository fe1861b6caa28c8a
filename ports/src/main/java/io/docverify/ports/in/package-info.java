/**
 * Inbound ports: the use cases the world calls (a gRPC service, a Java application embedding docverify), with
 * self-validating commands. Everything is asynchronous ({@code CompletionStage}); file content is a bounded,
 * back-pressured stream ({@link io.docverify.ports.file.FileUpload}).
 */
package io.docverify.ports.in;

import io.docverify.ports.file.FileUpload;
