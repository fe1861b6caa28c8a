package io.docverify.grpc.config;

import java.io.IOException;
import java.nio.file.Path;

/** Test material from {@link TlsValidationTest} for tests in other packages. */
public final class TlsValidationAccess {
    private TlsValidationAccess() {
    }

    /** The PKCS#1 form ('BEGIN RSA PRIVATE KEY') of a PKCS#8 PEM RSA key. */
    public static String pkcs1(Path pkcs8Pem) throws IOException {
        return TlsValidationTest.pkcs1(pkcs8Pem);
    }
}
