/**
 * The webhook intake: Dwolla's webhooks on their own HTTP port and path (Vert.x), checked, recorded and answered
 * at once, then applied after the answer through the application's {@code WebhookProcessor}; and the
 * reconciliation that reads Dwolla's event feed back at start, periodically and after failed reads.
 */
package io.docverify.grpc.webhook;
