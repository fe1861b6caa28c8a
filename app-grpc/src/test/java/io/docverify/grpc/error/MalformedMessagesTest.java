package io.docverify.grpc.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedOutputStream;
import com.google.rpc.ErrorInfo;
import io.docverify.grpc.Calls;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.logs.CapturedLogs;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentsRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentRequest;
import io.docverify.grpc.v1.SandboxServiceGrpc;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.StatusProto;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Request messages that do not parse are the client's mistake: INVALID_ARGUMENT with {@code ValidationError}, or
 * RESOURCE_EXHAUSTED when a compressed message inflates past the limit; at most one log line, never a stack trace,
 * on every service the server registers.
 */
class MalformedMessagesTest {
    /** Bytes no protobuf parser accepts: a varint that never ends. */
    private static final byte[] GARBAGE = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestServer.Kind.SOCKET);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawCall.End unary(String method, byte[] message) {
        return RawCall.send(server.channel(), method, MethodType.UNARY, null, TestServer.bearer(TestServer.KEY),
                List.of(message));
    }

    private static double uploadsInProgress() {
        return server.server().registry().get("docverify.uploads.in.progress").gauge().value();
    }

    private static Optional<ErrorInfo> errorInfo(RawCall.End end) {
        var status = StatusProto.fromStatusAndTrailers(end.status(), end.trailers());
        return status.getDetailsList().stream().filter(a -> a.is(ErrorInfo.class)).findFirst().map(a -> {
            try {
                return a.unpack(ErrorInfo.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void assertMalformed(RawCall.End end, CapturedLogs logs) {
        assertThat(end.status().getCode()).as(end.status().toString()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(errorInfo(end)).map(ErrorInfo::getReason).contains("ValidationError");
        assertCalm(logs);
    }

    private static void assertCalm(CapturedLogs logs) {
        assertThat(logs.lines()).as(logs.text()).isLessThanOrEqualTo(1);
        assertThat(logs.anyStackTrace()).as(logs.text()).isFalse();
    }

    @Test
    void garbageBytesAreInvalidArgumentWithOneLineAtMost() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            assertMalformed(unary(DocumentServiceGrpc.getGetDocumentMethod().getFullMethodName(), GARBAGE), logs);
        }
    }

    @Test
    void aClientRepeatingItsMistakeCostsTheLogAFewLinesNotOneACall() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            for (int i = 0; i < 40; i++) {
                assertThat(unary(DocumentServiceGrpc.getGetDocumentMethod().getFullMethodName(), GARBAGE).status()
                        .getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            }
            assertThat(logs.lines()).as(logs.text()).isLessThanOrEqualTo(10);
            assertThat(logs.anyStackTrace()).isFalse();
        }
    }

    @Test
    void fortyKilobytesOfNestedUnknownGroupsAreInvalidArgumentWithOneLineAtMost() {
        byte[] groups = new byte[40 * 1024];
        Arrays.fill(groups, (byte) 0x7b); // field 15, wire type 3: start group, again and again
        try (CapturedLogs logs = CapturedLogs.start()) {
            assertMalformed(unary(SandboxServiceGrpc.getGetOwnerMethod().getFullMethodName(), groups), logs);
        }
    }

    @Test
    void healthAndReflectionRefuseGarbageTheSameWay() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            assertMalformed(RawCall.send(server.channel(), HealthGrpc.getCheckMethod().getFullMethodName(),
                    MethodType.UNARY, null, null, List.of(GARBAGE)), logs);
        }
        try (CapturedLogs logs = CapturedLogs.start()) {
            assertMalformed(RawCall.send(server.channel(),
                    ServerReflectionGrpc.getServerReflectionInfoMethod().getFullMethodName(), MethodType.BIDI_STREAMING,
                    null, TestServer.bearer(TestServer.KEY), List.of(GARBAGE)), logs);
        }
    }

    @Test
    void aMalformedChunkAfterGoodMetadataEndsTheUploadStoresNothingAndFreesTheSlot() {
        String customer = Calls.customerAwaitingDocuments(server);
        byte[] metadata = UploadDocumentRequest.newBuilder()
                .setMetadata(Calls.passportOf(customer)).build().toByteArray();
        try (CapturedLogs logs = CapturedLogs.start()) {
            assertMalformed(RawCall.send(server.channel(),
                    DocumentServiceGrpc.getUploadDocumentMethod().getFullMethodName(), MethodType.CLIENT_STREAMING,
                    null, TestServer.bearer(TestServer.KEY), List.of(metadata, GARBAGE)), logs);
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> uploadsInProgress() == 0);
        assertThat(server.documents().listDocuments(ListDocumentsRequest.newBuilder()
                .setCustomerId(customer).build()).getTotal()).isZero();
    }

    @Test
    void aCompressionBombIsResourceExhaustedWithOneLineAtMost() {
        // An UploadDocumentRequest whose chunk (field 2) declares 64 MiB of zeros: 65 KB gzip-compressed by
        // grpc-java's own compressor, which reads this stream lazily.
        int declared = 64 * 1024 * 1024;
        var header = new java.io.ByteArrayOutputStream();
        try {
            CodedOutputStream out = CodedOutputStream.newInstance(header);
            out.writeTag(2, 2);
            out.writeUInt32NoTag(declared);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Supplier<InputStream> bomb = () -> new SequenceInputStream(new ByteArrayInputStream(header.toByteArray()),
                new ZeroStream(declared));
        try (CapturedLogs logs = CapturedLogs.start()) {
            var end = RawCall.sendStreams(server.channel(),
                    DocumentServiceGrpc.getUploadDocumentMethod().getFullMethodName(), MethodType.CLIENT_STREAMING,
                    "gzip", TestServer.bearer(TestServer.KEY), List.of(bomb));

            assertThat(end.status().getCode()).as(end.status().toString())
                    .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertCalm(logs);
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> uploadsInProgress() == 0);
    }

    /** {@code length} zero bytes, made as they are read. */
    private static final class ZeroStream extends InputStream {
        private long left;

        ZeroStream(long length) {
            this.left = length;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
