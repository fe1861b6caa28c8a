package io.docverify.domain.upload;

import java.nio.ByteBuffer;

/**
 * One file kind's header check, fed an upload's bytes in order, in chunks of any size. It keeps only a small,
 * fixed number of bytes (the fields it must compare), so it can run over any stream. Not thread-safe.
 */
abstract sealed class HeaderScan permits PngHeader, JpegHeader, PdfHeader {

    /** What the bytes seen so far say. */
    enum Verdict {
        /** A header of this kind may still follow. */
        MORE,
        /** A complete header of this kind; nothing that follows can change that. */
        CONFIRMED,
        /** Not a complete header of this kind, whatever follows. */
        INVALID
    }

    private Verdict verdict = Verdict.MORE;

    /** The kind this scan confirms. */
    abstract FileKind kind();

    /** A fresh scan for a kind that has a header check. */
    static HeaderScan of(FileKind kind) {
        return switch (kind) {
            case PNG -> new PngHeader();
            case JPEG -> new JpegHeader();
            case PDF -> new PdfHeader();
            case UNKNOWN -> throw new IllegalArgumentException("no header to check for " + kind);
        };
    }

    /** Looks at the chunk's remaining bytes (the caller's buffer is not moved). */
    final Verdict update(ByteBuffer chunk) {
        if (verdict == Verdict.MORE) {
            verdict = scan(chunk.duplicate());
        }
        return verdict;
    }

    /** The stream ended: a scan still waiting for bytes is invalid, unless the end itself completes it. */
    final Verdict finish() {
        if (verdict == Verdict.MORE) {
            verdict = atEnd();
        }
        return verdict;
    }

    final Verdict verdict() {
        return verdict;
    }

    /** Consumes bytes of the chunk (it is this scan's own view); returns the verdict after them. */
    abstract Verdict scan(ByteBuffer chunk);

    /** The verdict when the stream ends while the scan still says {@link Verdict#MORE}. */
    Verdict atEnd() {
        return Verdict.INVALID;
    }

    /** The kind a whole file in memory is confirmed as, or {@link FileKind#UNKNOWN}. */
    static FileKind detect(byte[] file, int length) {
        for (FileKind kind : new FileKind[] {FileKind.PNG, FileKind.JPEG, FileKind.PDF}) {
            HeaderScan scan = of(kind);
            scan.update(ByteBuffer.wrap(file, 0, length));
            if (scan.finish() == Verdict.CONFIRMED) {
                return kind;
            }
        }
        return FileKind.UNKNOWN;
    }
}
