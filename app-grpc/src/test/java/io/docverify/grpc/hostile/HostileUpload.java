package io.docverify.grpc.hostile;

import io.docverify.grpc.v1.DocumentServiceProto.UploadMetadata;
import io.docverify.ports.contract.TestFiles;
import io.grpc.Status;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A hostile UploadDocument stream, what it puts on the wire ({@link #send}) and what README's error table says
 * the answer is ({@link #expected}). {@code valid} is a correct metadata message for a fresh customer in
 * {@code document} status, with an idempotency key; a case changes what it is about. Every {@code toString}
 * describes the request in words and sizes (never dumps the bytes), so a shrunk counterexample reads as a request.
 */
sealed interface HostileUpload {
    int MIB = 1024 * 1024;
    int TEN_MIB = 10 * MIB;

    /** The documented answer: a status code, the ErrorInfo reason (null: no ErrorInfo), the field path. */
    record Expected(Status.Code code, String reason, String fieldPath, boolean answeredByTheService) {
        static Expected validation(String fieldPath) {
            return new Expected(Status.Code.INVALID_ARGUMENT, "ValidationError", fieldPath, true);
        }

        static Expected of(Status.Code code, String reason) {
            return new Expected(code, reason, null, true);
        }
    }

    Expected expected();

    void send(RawUpload call, UploadMetadata valid);

    /** Random bytes as chunks (never starting like a JPEG or PNG), then {@code finish} and the end of the stream. */
    record RandomChunks(List<byte[]> chunks) implements HostileUpload {
        @Override
        public Expected expected() {
            return chunks.stream().mapToInt(c -> c.length).sum() == 0
                    ? Expected.validation("/file") // nothing but empty chunks: an empty file
                    : Expected.of(Status.Code.INVALID_ARGUMENT, "invalidFileType");
        }

        @Override
        public void send(RawUpload call, UploadMetadata valid) {
            call.send(RawUpload.metadata(valid));
            chunks.forEach(c -> call.send(RawUpload.chunk(c)));
            call.finishAndHalfClose(chunks.stream().mapToInt(c -> c.length).sum());
        }

        @Override
        public String toString() {
            byte[] all = chunks.stream().map(c -> c).reduce(new byte[0], HostileUpload::concat);
            return "random bytes as chunks of sizes " + chunks.stream().map(c -> String.valueOf(c.length))
                    .collect(Collectors.joining(", ", "[", "]")) + " starting " + hex(all, 8);
        }
    }

    /** A chunk as the first message (the metadata after it, or never). */
    record ChunkFirst(int size, boolean metadataAfter) implements HostileUpload {
        @Override
        public Expected expected() {
            return Expected.validation("/metadata");
        }

        @Override
        public void send(RawUpload call, UploadMetadata valid) {
            call.send(RawUpload.chunk(LeakMarker.mark(TestFiles.png(size))));
            if (metadataAfter) {
                call.send(RawUpload.metadata(valid));
            }
            call.halfClose();
        }

        @Override
        public String toString() {
            return "a " + size + "-byte PNG chunk before any metadata" + (metadataAfter ? ", then the metadata" : "");
        }
    }

    /** The metadata, some chunks of a valid PNG, the metadata again. */
    record MetadataTwice(int chunksBetween) implements HostileUpload {
        @Override
        public Expected expected() {
            return Expected.validation("/metadata");
        }

        @Override
        public void send(RawUpload call, UploadMetadata valid) {
            byte[] png = LeakMarker.mark(TestFiles.png(1024 * Math.max(1, chunksBetween)));
            call.send(RawUpload.metadata(valid));
            for (int i = 0; i < chunksBetween; i++) {
                call.send(RawUpload.chunk(png, i * 1024, 1024));
            }
            call.send(RawUpload.metadata(valid)).halfClose();
        }

        @Override
        public String toString() {
            return "metadata, " + chunksBetween + " chunk(s) of a PNG, metadata again";
        }
    }

    /** The end of the stream before any message. */
    record NoMetadata() implements HostileUpload {
        @Override
        public Expected expected() {
            return Expected.validation("/metadata");
        }

        @Override
        public void send(RawUpload call, UploadMetadata valid) {
            call.halfClose();
        }

        @Override
        public String toString() {
            return "a stream that ends before any message";
        }
    }

    /** A message with neither metadata nor chunk (its payload oneof unset). */
    record EmptyMessage(boolean afterMetadata) implements HostileUpload {
        @Override
        public Expected expected() {
            return Expected.validation("/payload");
        }

        @Override
        public void send(RawUpload call, UploadMetadata valid) {
            if (afterMetadata) {
                call.send(RawUpload.metadata(valid));
            }
            call.send(RawUpload.emptyMessage()).halfClose();
        }

        @Override
        public String toString() {
            return "an empty message (no payload)" + (afterMetadata ? " after the metadata" : " first");
        }
    }

    /** Raw metadata whose document_type (field 3) is an enum number the API does not define. */
    record UnknownDocumentType(int number) implements HostileUpload {
        @Override
        public Expected expected() {
            return Expected.validation("/documentType");
        }

        @Override
        public void send(RawUpload call, UploadMetadata valid) {
            call.send(RawUpload.rawMetadata(out -> {
                out.writeString(1, valid.getCustomerId());
                out.writeEnum(3, number);
                out.writeString(4, valid.getFileName());
                out.writeString(5, valid.getIdempotencyKey());
            }));
            call.send(RawUpload.chunk(LeakMarker.mark(TestFiles.png()))).finishAndHalfClose(TestFiles.png().length);
        }

        @Override
        public String toString() {
            return "raw metadata with document_type = " + number + " (undefined enum number), then a valid PNG";
        }
    }

    /** Raw metadata whose owner comes in a field number the API does not define: no owner the service knows. */
    record UnknownOwnerField(int fieldNumber) implements HostileUpload {
        @Override
        public Expected expected() {
            return Expected.validation("/owner");
        }

        @Override
        public void send(RawUpload call, UploadMetadata valid) {
            call.send(RawUpload.rawMetadata(out -> {
                out.writeString(fieldNumber, valid.getCustomerId());
                out.writeEnum(3, valid.getDocumentTypeValue());
                out.writeString(4, valid.getFileName());
                out.writeString(5, valid.getIdempotencyKey());
            }));
            call.send(RawUpload.chunk(LeakMarker.mark(TestFiles.png()))).finishAndHalfClose(TestFiles.png().length);
        }

        @Override
        public String toString() {
            return "raw metadata with the customer id in undefined field " + fieldNumber + ", then a valid PNG";
        }
    }

    /** A customer id that is empty, too long or malformed. */
    record BadCustomerId(String id) implements HostileUpload {
        @Override
        public Expected expected() {
            return Expected.validation("/customerId");
        }

        @Override
        public void send(RawUpload call, UploadMetadata valid) {
            call.send(RawUpload.metadata(valid.toBuilder().setCustomerId(id).build()));
            call.send(RawUpload.chunk(LeakMarker.mark(TestFiles.png()))).finishAndHalfClose(TestFiles.png().length);
        }

        @Override
        public String toString() {
            return "customer id of " + id.length() + " chars " + describe(id) + ", then a valid PNG";
        }
    }

    /** A well-formed id of no customer. */
    record UnknownCustomer(String id) implements HostileUpload {
        @Override
        public Expected expected() {
            return Expected.of(Status.Code.NOT_FOUND, "notFound");
        }

        @Override
        public void send(RawUpload call, UploadMetadata valid) {
            call.send(RawUpload.metadata(valid.toBuilder().setCustomerId(id).build()));
            call.send(RawUpload.chunk(LeakMarker.mark(TestFiles.png()))).finishAndHalfClose(TestFiles.png().length);
        }

        @Override
        public String toString() {
            return "unknown customer id " + describe(id) + ", then a valid PNG";
        }
    }

    /** An idempotency key too long or with characters Dwolla does not allow (an empty one means none). */
    record BadIdempotencyKey(String key) implements HostileUpload {
        @Override
        public Expected expected() {
            return Expected.validation("/idempotencyKey");
        }

        @Override
        public void send(RawUpload call, UploadMetadata valid) {
            call.send(RawUpload.metadata(valid.toBuilder().setIdempotencyKey(key).build()));
            call.send(RawUpload.chunk(LeakMarker.mark(TestFiles.png()))).finishAndHalfClose(TestFiles.png().length);
        }

        @Override
        public String toString() {
            return "idempotency key of " + key.length() + " chars " + describe(key) + ", then a valid PNG";
        }
    }

    /** A PNG of 10 MiB + {@code extra} bytes in chunks of {@code chunkSize}, half-closed or left open. */
    record TooLarge(int extra, int chunkSize, boolean halfClose) implements HostileUpload {
        @Override
        public Expected expected() {
            return Expected.of(Status.Code.INVALID_ARGUMENT, "fileTooLarge");
        }

        @Override
        public void send(RawUpload call, UploadMetadata valid) {
            byte[] file = LargeFile.BYTES;
            int size = TEN_MIB + extra;
            call.send(RawUpload.metadata(valid));
            for (int at = 0; at < size; at += chunkSize) {
                call.send(RawUpload.chunk(file, at, Math.min(chunkSize, size - at)));
            }
            if (halfClose) {
                call.finishAndHalfClose(size);
            }
        }

        @Override
        public String toString() {
            return "a PNG of 10 MiB + " + extra + " byte(s) in " + chunkSize + "-byte chunks"
                    + (halfClose ? ", finished and half-closed" : ", stream left open");
        }
    }

    /** One chunk over 1 MiB but within gRPC's message limit (1 MiB + 1 KiB). */
    record OversizedChunk(int size) implements HostileUpload {
        @Override
        public Expected expected() {
            return Expected.validation("/chunk");
        }

        @Override
        public void send(RawUpload call, UploadMetadata valid) {
            call.send(RawUpload.metadata(valid)).send(RawUpload.chunk(LargeFile.BYTES, 0, size)).halfClose();
        }

        @Override
        public String toString() {
            return "one chunk of 1 MiB + " + (size - MIB) + " bytes";
        }
    }

    /** A message over gRPC's limit: refused by the transport, without ErrorInfo (README, "Errors"). */
    record OverTransportLimit(int size) implements HostileUpload {
        @Override
        public Expected expected() {
            return new Expected(Status.Code.RESOURCE_EXHAUSTED, null, null, false);
        }

        @Override
        public void send(RawUpload call, UploadMetadata valid) {
            call.send(RawUpload.metadata(valid)).send(RawUpload.chunk(LargeFile.BYTES, 0, size)).halfClose();
        }

        @Override
        public String toString() {
            return "one chunk of 1 MiB + " + (size - MIB) + " bytes (over the transport limit)";
        }
    }

    /** A PDF sent as a passport named {@code id.png}: the kind comes from the bytes. */
    record PdfNamedPng(int size) implements HostileUpload {
        @Override
        public Expected expected() {
            return Expected.of(Status.Code.INVALID_ARGUMENT, "invalidFileType");
        }

        @Override
        public void send(RawUpload call, UploadMetadata valid) {
            call.send(RawUpload.metadata(valid.toBuilder().setFileName("id.png").build()));
            call.send(RawUpload.chunk(LeakMarker.mark(TestFiles.withSignature(TestFiles.PDF_SIGNATURE, size))))
                    .finishAndHalfClose(size);
        }

        @Override
        public String toString() {
            return "a " + size + "-byte PDF as a passport named id.png";
        }
    }

    /** A file cut inside the PNG signature, then the end of the stream. */
    record TruncatedSignature(int keep) implements HostileUpload {
        @Override
        public Expected expected() {
            return Expected.of(Status.Code.INVALID_ARGUMENT, "invalidFileType");
        }

        @Override
        public void send(RawUpload call, UploadMetadata valid) {
            call.send(RawUpload.metadata(valid)).send(RawUpload.chunk(TestFiles.PNG_SIGNATURE, 0, keep))
                    .finishAndHalfClose(keep);
        }

        @Override
        public String toString() {
            return "a PNG cut after " + keep + " of its 8 signature bytes, finished and half-closed";
        }
    }

    /** The client cancels after some chunks of a valid PNG (after an optional pause). */
    record CancelMidUpload(int chunksSent, int chunkSize, int pauseMillis) implements HostileUpload {
        @Override
        public Expected expected() {
            return new Expected(Status.Code.CANCELLED, null, null, false);
        }

        @Override
        public void send(RawUpload call, UploadMetadata valid) {
            byte[] png = LeakMarker.mark(TestFiles.png(Math.max(64, chunksSent * chunkSize) + 1));
            call.send(RawUpload.metadata(valid));
            for (int i = 0; i < chunksSent; i++) {
                call.send(RawUpload.chunk(png, i * chunkSize, chunkSize));
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            call.cancel();
        }

        @Override
        public String toString() {
            return "metadata, " + chunksSent + " chunk(s) of " + chunkSize + " bytes of a PNG, a " + pauseMillis
                    + " ms pause, then the client cancels";
        }
    }

    /** A valid PNG in chunks, then the end of the stream without {@code finish}: a cut stream, not a file. */
    record HalfCloseWithoutFinish(int size, int chunkSize) implements HostileUpload {
        @Override
        public Expected expected() {
            return Expected.validation("/finish");
        }

        @Override
        public void send(RawUpload call, UploadMetadata valid) {
            byte[] png = LeakMarker.mark(TestFiles.png(size));
            call.send(RawUpload.metadata(valid));
            for (int at = 0; at < size; at += chunkSize) {
                call.send(RawUpload.chunk(png, at, Math.min(chunkSize, size - at)));
            }
            call.halfClose();
        }

        @Override
        public String toString() {
            return "a " + size + "-byte PNG in " + chunkSize + "-byte chunks, half-closed without finish";
        }
    }

    /** A valid PNG whose {@code finish} declares {@code delta} bytes more (or fewer) than were sent. */
    record WrongFinishSize(int size, int delta) implements HostileUpload {
        @Override
        public Expected expected() {
            return Expected.validation("/finish/sizeBytes");
        }

        @Override
        public void send(RawUpload call, UploadMetadata valid) {
            call.send(RawUpload.metadata(valid)).send(RawUpload.chunk(LeakMarker.mark(TestFiles.png(size))))
                    .finishAndHalfClose((long) size + delta);
        }

        @Override
        public String toString() {
            return "a " + size + "-byte PNG whose finish declares " + ((long) size + delta) + " bytes";
        }
    }

    /** A valid PNG whose {@code finish} carries a SHA-256 that is wrong ({@code malformed}: not 64 hex digits). */
    record WrongSha256(int size, boolean malformed) implements HostileUpload {
        @Override
        public Expected expected() {
            return Expected.validation("/finish/sha256");
        }

        @Override
        public void send(RawUpload call, UploadMetadata valid) {
            byte[] png = LeakMarker.mark(TestFiles.png(size));
            String sha256 = malformed ? "not-a-digest" : io.docverify.grpc.Calls.sha256(TestFiles.png(size));
            call.send(RawUpload.metadata(valid)).send(RawUpload.chunk(png)).send(RawUpload.finish(size, sha256))
                    .halfClose();
        }

        @Override
        public String toString() {
            return "a " + size + "-byte PNG whose finish carries " + (malformed ? "a malformed" : "another file's")
                    + " SHA-256";
        }
    }

    /** A whole upload, then another chunk, metadata or finish after its {@code finish}. */
    record MessageAfterFinish(int what) implements HostileUpload {
        @Override
        public Expected expected() {
            return Expected.validation(switch (what) {
                case 0 -> "/chunk";
                case 1 -> "/metadata";
                default -> "/finish";
            });
        }

        @Override
        public void send(RawUpload call, UploadMetadata valid) {
            byte[] png = LeakMarker.mark(TestFiles.png());
            call.send(RawUpload.metadata(valid)).send(RawUpload.chunk(png)).send(RawUpload.finish(png.length, ""));
            call.send(switch (what) {
                case 0 -> RawUpload.chunk(png);
                case 1 -> RawUpload.metadata(valid);
                default -> RawUpload.finish(png.length, "");
            }).halfClose();
        }

        @Override
        public String toString() {
            return "a whole PNG upload, then " + (what == 0 ? "a chunk" : what == 1 ? "metadata" : "finish again")
                    + " after its finish";
        }
    }

    /** Metadata that declares a size over 10 MiB, or a negative one, then a valid PNG. */
    record DeclaredSize(long declared) implements HostileUpload {
        @Override
        public Expected expected() {
            return declared < 0 ? Expected.validation("/metadata/sizeBytes")
                    : Expected.of(Status.Code.INVALID_ARGUMENT, "fileTooLarge");
        }

        @Override
        public void send(RawUpload call, UploadMetadata valid) {
            byte[] png = LeakMarker.mark(TestFiles.png());
            call.send(RawUpload.metadata(valid.toBuilder().setSizeBytes(declared).build()))
                    .send(RawUpload.chunk(png)).finishAndHalfClose(png.length);
        }

        @Override
        public String toString() {
            return "metadata declaring " + declared + " bytes, then a 64-byte PNG";
        }
    }

    /** A 10 MiB + 64 KiB PNG shared by the oversized cases (refused, so never stored). */
    final class LargeFile {
        static final byte[] BYTES = LeakMarker.mark(TestFiles.png(TEN_MIB + 64 * 1024));

        private LargeFile() {
        }
    }

    static String hex(byte[] bytes, int max) {
        return HexFormat.ofDelimiter(" ").formatHex(Arrays.copyOf(bytes, Math.min(max, bytes.length)));
    }

    /** A string described by its kind of content, readable in a counterexample. */
    static String describe(String s) {
        if (s.length() <= 24) {
            return "'" + s.replaceAll("[^\\x20-\\x7e]", "?") + "'";
        }
        return "'" + s.substring(0, 12).replaceAll("[^\\x20-\\x7e]", "?") + "...'";
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
