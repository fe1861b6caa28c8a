package io.docverify.grpc.webhook;

import io.docverify.ports.out.ProviderEvent;

/**
 * What the intake needs to know about a webhook's raw body: whether it is signed with the subscription's secret
 * (checked on the exact bytes, in constant time), and the event it carries. Dwolla's implementation is
 * adapter-dwolla-http's signature and event JSON.
 */
public interface WebhookCodec {
    /** Which secret signed a body. */
    enum Signed {
        /** The current secret. */
        CURRENT,
        /** The previous secret, accepted during a rotation. */
        PREVIOUS,
        /** Neither (or the header is malformed). */
        NONE
    }

    /** The header that carries the signature (its name is read case-insensitively). */
    String signatureHeader();

    /** Which secret signed {@code rawBody}, given the signature header's value. */
    Signed verify(byte[] rawBody, String headerValue);

    /** The event {@code rawBody} carries; throws a {@link RuntimeException} if it is not a well-formed event. */
    ProviderEvent parse(byte[] rawBody);
}
