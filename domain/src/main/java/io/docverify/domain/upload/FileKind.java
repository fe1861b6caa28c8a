package io.docverify.domain.upload;

/**
 * The kind of an uploaded file, detected from its first bytes (its signature), never from its name.
 */
public enum FileKind {
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png"),
    PDF("application/pdf", "pdf"),
    /** Anything else; never accepted by Dwolla. */
    UNKNOWN("application/octet-stream", "bin");

    /** How many leading bytes {@link #detect} needs to decide. */
    public static final int SIGNATURE_LENGTH = 8;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG_SIGNATURE = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] PDF_SIGNATURE = {'%', 'P', 'D', 'F', '-'};

    private final String mediaType;
    private final String extension;

    FileKind(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    /** The media type to send with the file. */
    public String mediaType() {
        return mediaType;
    }

    /** A conventional file extension, without the dot. */
    public String extension() {
        return extension;
    }

    /**
     * The kind of a file whose first {@code length} bytes are in {@code head}. With fewer than
     * {@link #SIGNATURE_LENGTH} bytes (a tiny file) the decision uses what there is.
     */
    public static FileKind detect(byte[] head, int length) {
        if (startsWith(head, length, PNG_SIGNATURE)) {
            return PNG;
        }
        if (startsWith(head, length, JPEG_SIGNATURE)) {
            return JPEG;
        }
        if (startsWith(head, length, PDF_SIGNATURE)) {
            return PDF;
        }
        return UNKNOWN;
    }

    private static boolean startsWith(byte[] head, int length, byte[] signature) {
        if (length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if (head[i] != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
