package io.docverify.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.docverify.grpc.error.ErrorMapping;
import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentProto.DocumentType;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadFinish;
import io.docverify.grpc.v1.DocumentServiceProto.UploadMetadata;
import io.docverify.grpc.v1.SandboxServiceProto.BeneficialOwnerStatus;
import io.docverify.grpc.v1.SandboxServiceProto.CreateBeneficialOwnerRequest;
import io.docverify.grpc.v1.SandboxServiceProto.CreateCustomerRequest;
import io.docverify.grpc.v1.SandboxServiceProto.CustomerStatus;
import io.docverify.grpc.v1.SandboxServiceProto.CustomerType;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert;

/** Client-side helpers shared by the tests: seeding owners, uploading in chunks, reading gRPC errors. */
public final class Calls {
    private Calls() {
    }

    /** A customer in {@code document} status; returns its id. */
    public static String customerAwaitingDocuments(TestServer server) {
        return server.sandbox().createCustomer(CreateCustomerRequest.newBuilder()
                .setType(CustomerType.CUSTOMER_TYPE_PERSONAL)
                .setStatus(CustomerStatus.CUSTOMER_STATUS_DOCUMENT).build()).getCustomer().getId();
    }

    /** A beneficial owner in {@code document} status; returns its id. */
    public static String beneficialOwnerAwaitingDocuments(TestServer server) {
        return server.sandbox().createBeneficialOwner(CreateBeneficialOwnerRequest.newBuilder()
                .setStatus(BeneficialOwnerStatus.BENEFICIAL_OWNER_STATUS_DOCUMENT).build())
                .getBeneficialOwner().getId();
    }

    /** Metadata for a customer's passport named {@code id.png}. */
    public static UploadMetadata passportOf(String customerId) {
        return UploadMetadata.newBuilder().setCustomerId(customerId)
                .setDocumentType(DocumentType.DOCUMENT_TYPE_PASSPORT).setFileName("id.png").build();
    }

    /**
     * The messages of a whole upload: the metadata, then the bytes in chunks of {@code chunkSize}, then the
     * {@code finish} message that declares their size.
     */
    public static List<UploadDocumentRequest> messages(UploadMetadata metadata, byte[] bytes, int chunkSize) {
        var messages = new java.util.ArrayList<>(messagesWithoutFinish(metadata, bytes, chunkSize));
        messages.add(finishMessage(bytes.length));
        return messages;
    }

    /** The metadata and the chunks of an upload, without its {@code finish} message. */
    public static List<UploadDocumentRequest> messagesWithoutFinish(UploadMetadata metadata, byte[] bytes,
            int chunkSize) {
        var messages = new java.util.ArrayList<UploadDocumentRequest>();
        messages.add(UploadDocumentRequest.newBuilder().setMetadata(metadata).build());
        for (int at = 0; at < bytes.length; at += chunkSize) {
            messages.add(UploadDocumentRequest.newBuilder()
                    .setChunk(ByteString.copyFrom(bytes, at, Math.min(chunkSize, bytes.length - at))).build());
        }
        return messages;
    }

    /** A {@code finish} message that declares {@code sizeBytes} and no SHA-256. */
    public static UploadDocumentRequest finishMessage(long sizeBytes) {
        return UploadDocumentRequest.newBuilder()
                .setFinish(UploadFinish.newBuilder().setSizeBytes(sizeBytes)).build();
    }

    /** A {@code finish} message that declares {@code sizeBytes} and the SHA-256 {@code sha256} (hexadecimal). */
    public static UploadDocumentRequest finishMessage(long sizeBytes, String sha256) {
        return UploadDocumentRequest.newBuilder()
                .setFinish(UploadFinish.newBuilder().setSizeBytes(sizeBytes).setSha256(sha256)).build();
    }

    /** The SHA-256 of {@code bytes}, as lower-case hexadecimal. */
    public static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Sends the messages, half-closes, and completes with the answer. */
    public static CompletableFuture<Document> send(DocumentServiceGrpc.DocumentServiceStub stub,
            List<UploadDocumentRequest> messages) {
        OpenUpload upload = open(stub);
        messages.forEach(upload.requests()::onNext);
        upload.requests().onCompleted();
        return upload.result();
    }

    /** An upload stream the test drives message by message, and its answer. */
    public record OpenUpload(StreamObserver<UploadDocumentRequest> requests, CompletableFuture<Document> result) {
        public OpenUpload send(UploadDocumentRequest message) {
            requests.onNext(message);
            return this;
        }

        /** The gRPC error the call ended with. */
        public Throwable failure() {
            Throwable thrown = catchThrowable(() -> await(result));
            assertThat(thrown).as("the upload failed").isNotNull();
            return thrown;
        }
    }

    /** Opens an upload without sending anything. */
    public static OpenUpload open(DocumentServiceGrpc.DocumentServiceStub stub) {
        var answer = new UploadAnswer();
        return new OpenUpload(stub.withDeadlineAfter(30, TimeUnit.SECONDS).uploadDocument(answer), answer.result);
    }

    public static UploadDocumentRequest metadataMessage(UploadMetadata metadata) {
        return UploadDocumentRequest.newBuilder().setMetadata(metadata).build();
    }

    public static UploadDocumentRequest chunkMessage(byte[] bytes) {
        return UploadDocumentRequest.newBuilder().setChunk(ByteString.copyFrom(bytes)).build();
    }

    /** Uploads (metadata, chunks, {@code finish}) and waits for the created document. */
    public static Document upload(TestServer server, UploadMetadata metadata, byte[] bytes) {
        return await(send(server.documentsAsync(), messages(metadata, bytes, 16 * 1024)));
    }

    /** The value of a future, or its failure unwrapped (a StatusRuntimeException) rethrown. */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The gRPC error the call throws. */
    public static StatusRuntimeException errorOf(ThrowableAssert.ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(StatusRuntimeException.class);
        return (StatusRuntimeException) thrown;
    }

    /** Asserts the status code and the ErrorInfo reason (and domain) of a gRPC error; returns the ErrorInfo. */
    public static ErrorInfo assertError(Throwable error, Status.Code code, String reason) {
        assertThat(error).isInstanceOf(StatusRuntimeException.class);
        assertThat(Status.fromThrowable(error).getCode()).as("status of %s", error).isEqualTo(code);
        ErrorInfo info = errorInfo(error);
        assertThat(info.getReason()).isEqualTo(reason);
        assertThat(info.getDomain()).isEqualTo(ErrorMapping.DOMAIN);
        return info;
    }

    /** The ErrorInfo detail of a gRPC error; fails if there is none. */
    public static ErrorInfo errorInfo(Throwable error) {
        com.google.rpc.Status status = StatusProto.fromThrowable(error);
        assertThat(status).as("rich status details of %s", error).isNotNull();
        return status.getDetailsList().stream().filter(a -> a.is(ErrorInfo.class)).findFirst().map(a -> {
            try {
                return a.unpack(ErrorInfo.class);
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
        }).orElseThrow(() -> new AssertionError("no ErrorInfo in " + error));
    }

    /** Asks server reflection (v1) for the list of services; completes with their names, or the gRPC error. */
    public static CompletableFuture<List<String>> listServices(ServerReflectionGrpc.ServerReflectionStub stub) {
        var result = new CompletableFuture<List<String>>();
        StreamObserver<ServerReflectionRequest> requests = stub.withDeadlineAfter(10, TimeUnit.SECONDS)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse value) {
                        result.complete(value.getListServicesResponse().getServiceList().stream()
                                .map(ServiceResponse::getName).toList());
                    }

                    @Override
                    public void onError(Throwable t) {
                        result.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onCompleted();
        return result;
    }
}
