package io.docverify.adapter.inmemory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Dwolla's two published sandbox images, as test resources (MIT, see dwolla-sandbox/LICENSE). */
final class SampleImages {
    static final String SUCCESS = "test-document-upload-success.png";
    static final String FAIL = "test-document-upload-fail.png";

    private SampleImages() {
    }

    static byte[] load(String name) {
        try (InputStream in = SampleImages.class.getResourceAsStream("/dwolla-sandbox/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource dwolla-sandbox/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
