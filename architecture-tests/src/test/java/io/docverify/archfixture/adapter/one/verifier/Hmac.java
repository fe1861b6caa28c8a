package io.docverify.archfixture.adapter.one.verifier;

import javax.crypto.Mac;

/** Legal in a JDK-only adapter part: the JDK's cryptography. */
public final class Hmac {
    private Hmac() {
    }

    /** Uses {@code javax.crypto}. */
    public static Mac sha256() throws Exception {
        return Mac.getInstance("HmacSHA256");
    }
}
