/**
 * Asynchronous plumbing the ports and the adapters share: {@link java.util.concurrent.Flow} publishers that read a
 * file's content on demand, and the helpers that drain them with bounded demand. The domain and the JDK only;
 * no reactive framework.
 *
 * <p>Where the work happens: {@link io.docverify.ports.stream.SingleSubscriberPublisher} holds the demand and cancel
 * loop every publisher of the project extends; {@link io.docverify.ports.stream.ChunkStreams} drains a
 * content with bounded demand into whoever inspects it; {@link io.docverify.ports.stream.Completions} unwraps a
 * stage's failure. Nothing here knows a port or a file.
 */
package io.docverify.ports.stream;
