/**
 * Verifying Dwolla's webhooks: the {@code X-Request-Signature-SHA-256} HMAC over the raw body. JDK only (an
 * architecture rule checks it), so a receiver in any framework can use it.
 */
package io.docverify.adapter.dwolla.webhook;
