package io.docverify.grpc.hostile;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentResponse;
import io.docverify.grpc.v1.DocumentServiceProto.UploadFinish;
import io.docverify.grpc.v1.DocumentServiceProto.UploadMetadata;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An UploadDocument call whose request messages are raw bytes, so a test can put on the wire what no generated
 * client would send (unknown enum numbers, unknown field numbers, a message with no payload), send or leave out
 * the {@code finish} message, half-close when it likes, or cancel. The answer is typed as usual.
 */
final class RawUpload {
    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    private static final MethodDescriptor<byte[], UploadDocumentResponse> METHOD = DocumentServiceGrpc
            .getUploadDocumentMethod().toBuilder(BYTES,
                    ProtoUtils.marshaller(UploadDocumentResponse.getDefaultInstance())).build();

    /** The created document, or the call's error (a StatusRuntimeException with the trailers). */
    final CompletableFuture<Document> result = new CompletableFuture<>();
    private final ClientCall<byte[], UploadDocumentResponse> call;

    private RawUpload(ClientCall<byte[], UploadDocumentResponse> call) {
        this.call = call;
    }

    static RawUpload open(Channel channel) {
        Channel authenticated = ClientInterceptors.intercept(channel, TestServer.bearer(TestServer.KEY));
        var call = authenticated.newCall(METHOD, CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS));
        var upload = new RawUpload(call);
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onMessage(UploadDocumentResponse message) {
                upload.result.complete(message.getDocument());
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                if (!status.isOk()) {
                    upload.result.completeExceptionally(status.asRuntimeException(trailers));
                } else if (!upload.result.isDone()) {
                    upload.result.completeExceptionally(new AssertionError("closed OK without a document"));
                }
            }
        }, new Metadata());
        call.request(1);
        return upload;
    }

    RawUpload send(byte[] message) {
        call.sendMessage(message);
        return this;
    }

    void halfClose() {
        call.halfClose();
    }

    /** Sends {@code finish} declaring {@code sizeBytes}, then half-closes: how a whole upload ends. */
    void finishAndHalfClose(long sizeBytes) {
        call.sendMessage(finish(sizeBytes, ""));
        call.halfClose();
    }

    void cancel() {
        call.cancel("the client cancels mid-upload", null);
    }

    // ------------------------------------------------------------------ wire encoding

    static byte[] metadata(UploadMetadata metadata) {
        return UploadDocumentRequest.newBuilder().setMetadata(metadata).build().toByteArray();
    }

    static byte[] chunk(byte[] bytes, int offset, int length) {
        return UploadDocumentRequest.newBuilder().setChunk(ByteString.copyFrom(bytes, offset, length)).build()
                .toByteArray();
    }

    static byte[] chunk(byte[] bytes) {
        return chunk(bytes, 0, bytes.length);
    }

    /** A {@code finish} message; an empty {@code sha256} declares none. */
    static byte[] finish(long sizeBytes, String sha256) {
        return UploadDocumentRequest.newBuilder().setFinish(UploadFinish.newBuilder().setSizeBytes(sizeBytes)
                .setSha256(sha256)).build().toByteArray();
    }

    /** A message with no payload at all (the empty byte string is a valid, empty UploadDocumentRequest). */
    static byte[] emptyMessage() {
        return new byte[0];
    }

    /**
     * An UploadDocumentRequest whose metadata (field 1) holds exactly the fields {@code writer} encodes, by
     * number: UploadMetadata's are customer_id 1, beneficial_owner_id 2, document_type 3 (an enum: any varint),
     * file_name 4, idempotency_key 5.
     */
    static byte[] rawMetadata(Fields writer) {
        byte[] fields = encode(writer);
        return encode(out -> out.writeByteArray(1, fields));
    }

    /** Writes protobuf fields. */
    @FunctionalInterface
    interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] encode(Fields writer) {
        var bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            writer.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
