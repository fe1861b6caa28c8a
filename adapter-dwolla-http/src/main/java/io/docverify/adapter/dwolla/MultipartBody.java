package io.docverify.adapter.dwolla;

import io.docverify.domain.DocumentType;
import io.docverify.domain.upload.FileKind;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The {@code multipart/form-data} body of an upload ({@code documentType}, then {@code file} with its name and
 * detected content type), framed around the file's one in-memory copy without copying it.
 *
 * <p>Why not Vert.x's {@code MultipartForm}: it draws a new random boundary for every send, so two attempts of
 * one upload would differ byte for byte, and Dwolla's Idempotency-Key promise holds for an "exact-match body".
 * Here the boundary is drawn once per upload and every attempt sends identical bytes, with a
 * {@code Content-Length} (no chunked encoding).
 */
final class MultipartBody {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String boundary;
    private final List<Buffer> parts;
    private final long length;

    MultipartBody(DocumentType type, String fileName, FileKind kind, List<Buffer> fileChunks) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        this.boundary = "docverify-" + HexFormat.of().formatHex(random);
        Buffer head = Buffer.buffer(("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"documentType\"\r\n\r\n"
                + type.wire() + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: " + kind.mediaType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        Buffer tail = Buffer.buffer(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        List<Buffer> all = new ArrayList<>(fileChunks.size() + 2);
        all.add(head);
        all.addAll(fileChunks);
        all.add(tail);
        this.parts = List.copyOf(all);
        this.length = parts.stream().mapToLong(Buffer::length).sum();
    }

    /** The request's {@code Content-Type}, with the boundary. */
    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The request's {@code Content-Length}. */
    long length() {
        return length;
    }

    /**
     * A fresh stream over the same bytes, for one attempt; {@code onEnd} runs once it has all been handed over, and
     * the stream fails (so the request is reset) as soon as {@code abandoned} turns true.
     */
    ReadStream<Buffer> stream(Runnable onEnd, BooleanSupplier abandoned) {
        return new BufferSequenceStream(parts, onEnd, abandoned);
    }
}
