package io.docverify.adapter.inmemory.properties;

import io.docverify.ports.contract.TestFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The files a scenario can upload. A file is named by its number, and its facts (what kind the bytes are, how
 * large it is, whether it is one of Dwolla's sandbox sample images) are written here, so the model predicts
 * from these facts and never asks the domain's {@code FileKind}. The same file always has the same bytes, so
 * uploading it twice for one owner is a duplicate.
 *
 * <p>Sizes are relative to {@link #SIZE_LIMIT}, the small limit the scenarios configure so that the boundary
 * (exactly the limit passes, one byte more fails) costs nothing to test.
 */
enum TestFile {
    PNG_1("file#1", Kind.PNG, 64),
    JPEG_2("file#2", Kind.JPEG, 64),
    PNG_3("file#3", Kind.PNG, 100),
    JPEG_4("file#4", Kind.JPEG, 100),
    PNG_5("file#5", Kind.PNG, 200),
    JPEG_6("file#6", Kind.JPEG, 200),
    PDF_7("file#7", Kind.PDF, 64),
    PDF_8("file#8", Kind.PDF, 200),
    PNG_AT_LIMIT_9("file#9", Kind.PNG, TestFile.SIZE_LIMIT),
    JPEG_OVER_LIMIT_10("file#10", Kind.JPEG, TestFile.SIZE_LIMIT + 1),
    GIF_11("file#11", Kind.GIF, 64),
    TINY_12("file#12", Kind.NOTHING, 3),
    EMPTY_13("file#13", Kind.NOTHING, 0),
    SANDBOX_SUCCESS("sandbox-success.png", Kind.PNG, 3453),
    SANDBOX_FAIL("sandbox-fail.png", Kind.PNG, 3636);

    /** The largest file the scenarios allow (Dwolla's is 10 MiB; the rule is the same). */
    static final int SIZE_LIMIT = 4096;

    /** What the bytes are, as the test wrote them. */
    enum Kind {
        /** Complete headers (the kind is confirmed only by one); a PDF also ends with its trailer. */
        PNG(TestFiles.PNG_SIGNATURE),
        JPEG(TestFiles.JPEG_SIGNATURE),
        PDF(TestFiles.PDF_SIGNATURE),
        GIF("GIF89a".getBytes(StandardCharsets.US_ASCII)),
        /** No known signature at all. */
        NOTHING("abc".getBytes(StandardCharsets.US_ASCII));

        private final byte[] signature;

        Kind(byte[] signature) {
            this.signature = signature;
        }
    }

    private final String label;
    private final Kind kind;
    private final int size;
    private byte[] bytes;

    TestFile(String label, Kind kind, int size) {
        this.label = label;
        this.kind = kind;
        this.size = size;
    }

    Kind kind() {
        return kind;
    }

    int size() {
        return size;
    }

    /** True for Dwolla's sample image that its sandbox accepts by itself. */
    boolean isSandboxSuccess() {
        return this == SANDBOX_SUCCESS;
    }

    /** True for Dwolla's sample image that its sandbox rejects by itself. */
    boolean isSandboxFail() {
        return this == SANDBOX_FAIL;
    }

    /** True if reviewing it on command makes sense (the sample images review themselves). */
    boolean reviewedOnCommand() {
        return !isSandboxSuccess() && !isSandboxFail();
    }

    /** The name sent with the upload; never used to decide anything. */
    String fileName() {
        return label.replace('#', '-') + (label.contains(".") ? "" : ".bin");
    }

    /** The file's bytes (a fresh copy). */
    synchronized byte[] bytes() {
        if (bytes == null) {
            bytes = isSandboxSuccess() ? resource("test-document-upload-success.png")
                    : isSandboxFail() ? resource("test-document-upload-fail.png")
                    : synthetic();
            if (bytes.length != size) {
                throw new IllegalStateException(label + " should be " + size + " bytes, is " + bytes.length);
            }
        }
        return bytes.clone();
    }

    private byte[] synthetic() {
        byte[] content = new byte[size];
        byte[] signature = kind.signature;
        System.arraycopy(signature, 0, content, 0, Math.min(size, signature.length));
        // The label after the signature keeps two files of the same kind and size apart.
        byte[] name = label.getBytes(StandardCharsets.US_ASCII);
        int at = signature.length;
        for (int i = 0; at + i < size && i < name.length; i++) {
            content[at + i] = name[i];
        }
        if (kind == Kind.PDF) {
            byte[] trailer = TestFiles.PDF_TRAILER;
            System.arraycopy(trailer, 0, content, size - trailer.length, trailer.length);
        }
        return content;
    }

    private static byte[] resource(String name) {
        try (InputStream in = TestFile.class.getResourceAsStream("/dwolla-sandbox/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /dwolla-sandbox/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return label + "(" + kind.name().toLowerCase(Locale.ROOT) + ", " + size + " B)";
    }
}
