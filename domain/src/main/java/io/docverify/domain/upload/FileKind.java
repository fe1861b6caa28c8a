package io.docverify.domain.upload;

/**
 * The kind of an uploaded file, confirmed only by a complete header in its bytes, never by its name:
 * <ul>
 *   <li>PNG: the 8-byte signature and a whole {@code IHDR} chunk (data length 13, width and height from 1 to
 *       2^31-1, a matching CRC), 33 bytes;</li>
 *   <li>JPEG: start of image ({@code FF D8}) and, after any marker segments skipped by their lengths, a
 *       start-of-frame header ({@code SOF0}..{@code SOF15}) with a non-zero height and width, ending within the
 *       first {@link #JPEG_FRAME_WITHIN} bytes;</li>
 *   <li>PDF: {@code %PDF-} at the start and {@code %%EOF} within the last {@link #PDF_TRAILER_WITHIN} bytes.</li>
 * </ul>
 * Anything less (a bare signature, a truncated header) is {@link #UNKNOWN}. {@link ContentInspector} applies the
 * same checks to a stream.
 */
public enum FileKind {
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png"),
    PDF("application/pdf", "pdf"),
    /** Anything else; never accepted by Dwolla. */
    UNKNOWN("application/octet-stream", "bin");

    /**
     * A JPEG's frame header must end within this many first bytes (1 MiB). Phone cameras put an EXIF segment of up
     * to 64 KiB (with its thumbnail), ICC profiles and MPF segments before the frame, so 64 KiB would refuse real
     * photos; skipping segments costs no memory, only this bound on how far to look.
     */
    public static final int JPEG_FRAME_WITHIN = 1024 * 1024;
    /** A PDF's {@code %%EOF} must lie within this many last bytes, where PDF readers look for it. */
    public static final int PDF_TRAILER_WITHIN = 1024;

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

    /** The kind that the first {@code length} bytes of {@code file}, taken as a whole file, are confirmed as. */
    public static FileKind detect(byte[] file, int length) {
        return HeaderScan.detect(file, length);
    }
}
