package io.docverify.adapter.dwolla;

import io.docverify.domain.CustomerId;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.upload.ContentInspector;
import io.docverify.domain.upload.InspectedFile;
import io.docverify.domain.upload.UploadLimits;
import io.docverify.ports.stream.ChunkStreams;
import io.docverify.ports.out.DocumentSubmission;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * An upload read once from its stream into the one copy a retryable HTTP upload needs, checked on the way by the
 * domain's {@link ContentInspector} (file kind from a complete header, size limit at the first byte past it, an
 * empty file at the end). A refused file stops being read at once and never reaches the network, and neither does
 * a file whose content fails or whose collection is cancelled: only a content that completed is sent.
 *
 * <p>The copy is kept as the chunks arrived (each copied once into its own buffer), so nothing is ever copied
 * again to grow an array; every attempt streams the same buffers.
 *
 * @param file   kind, size and fingerprint, as the domain rules saw them
 * @param chunks the bytes, in order
 */
record CollectedFile(InspectedFile file, List<Buffer> chunks) {

    CollectedFile {
        chunks = List.copyOf(chunks);
    }

    /**
     * Reads the command's file. The owner may be a business customer when it is a customer (only Dwolla knows),
     * so a PDF business document passes here and Dwolla decides; a beneficial owner never may send a PDF.
     */
    static CompletableFuture<CollectedFile> collect(DocumentSubmission command, UploadLimits limits) {
        var inspector = new ContentInspector(command.type(), command.owner() instanceof CustomerId, limits);
        List<Buffer> chunks = new ArrayList<>();
        CompletableFuture<Void> reading = ChunkStreams.drain(command.file().content(), chunk -> {
            Optional<DocumentError> refusal = inspector.update(chunk);
            if (refusal.isEmpty() && chunk.hasRemaining()) {
                // slice(): Vert.x sizes the copy by the buffer's limit, so hand it one that starts at position 0
                chunks.add(Buffer.buffer(chunk.remaining()).setBytes(0, chunk.slice()));
            }
            return refusal;
        });
        // Only a content that completed is a file; a cancel of the collection stops the reading.
        return ChunkStreams.cancelThrough(
                reading.thenApply(done -> new CollectedFile(
                command.file().declaredDigest().verify(inspector.finish().orThrow()), chunks)), reading);
    }
}
