/**
 * Asynchronous plumbing the ports and the adapters share: {@link java.util.concurrent.Flow} publishers that read a
 * file's content on demand, and the helpers that drain them with bounded demand. JDK only; no reactive framework.
 */
package io.docverify.ports.stream;
