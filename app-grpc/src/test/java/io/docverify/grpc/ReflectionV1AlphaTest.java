package io.docverify.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import io.grpc.Status;
import io.grpc.reflection.v1alpha.ServerReflectionGrpc;
import io.grpc.reflection.v1alpha.ServerReflectionRequest;
import io.grpc.reflection.v1alpha.ServerReflectionResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The older reflection protocol, {@code grpc.reflection.v1alpha}, which older grpcurl, Postman, Evans and many GUI
 * clients still speak: served beside v1 with the same key rule (a valid key, no scope). The client is grpc-java's
 * generated v1alpha stub (its blocking bidi-streaming form).
 */
@SuppressWarnings("deprecation")
class ReflectionV1AlphaTest {

    @Test
    void aV1AlphaClientListsTheServicesAndFetchesAFileDescriptorWithAKey() throws Exception {
        try (TestServer server = TestServer.start(TestServer.Kind.SOCKET)) {
            var stub = ServerReflectionGrpc.newBlockingV2Stub(server.channel())
                    .withInterceptors(TestServer.bearer(TestServer.KEY));
            var services = ask(stub, ServerReflectionRequest.newBuilder().setListServices("").build());
            var file = ask(stub, ServerReflectionRequest.newBuilder()
                    .setFileContainingSymbol("docverify.v1.DocumentService").build());

            assertThat(services.getListServicesResponse().getServiceList())
                    .extracting(s -> s.getName())
                    .contains("docverify.v1.DocumentService", "docverify.v1.SandboxService",
                            "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection",
                            "grpc.reflection.v1alpha.ServerReflection");
            List<FileDescriptorProto> files = file.getFileDescriptorResponse()
                    .getFileDescriptorProtoList().stream().map(ReflectionV1AlphaTest::parse).toList();
            assertThat(files).anySatisfy(f -> {
                assertThat(f.getPackage()).isEqualTo("docverify.v1");
                assertThat(f.getServiceList()).extracting(s -> s.getName()).contains("DocumentService");
            });
        }
    }

    @Test
    void aV1AlphaClientWithoutAKeyOrWithAWrongKeyIsRefusedLikeV1() throws Exception {
        try (TestServer server = TestServer.start(TestServer.Kind.SOCKET)) {
            var request = ServerReflectionRequest.newBuilder().setListServices("").build();
            Throwable withoutKey = catchThrowable(() -> ask(ServerReflectionGrpc.newBlockingV2Stub(server.channel()),
                    request));
            Throwable wrongKey = catchThrowable(() -> ask(ServerReflectionGrpc.newBlockingV2Stub(server.channel())
                    .withInterceptors(TestServer.bearer("not-the-key-0123456789")), request));

            assertThat(Status.fromThrowable(withoutKey).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(Status.fromThrowable(wrongKey).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        }
    }

    private static FileDescriptorProto parse(com.google.protobuf.ByteString bytes) {
        try {
            return FileDescriptorProto.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    /** One request on a v1alpha reflection stream (grpc-java's generated v1alpha blocking stub); its first answer. */
    private static ServerReflectionResponse ask(ServerReflectionGrpc.ServerReflectionBlockingV2Stub stub,
            ServerReflectionRequest request) throws Exception {
        var call = stub.withDeadlineAfter(10, TimeUnit.SECONDS).serverReflectionInfo();
        call.write(request);
        call.halfClose();
        return call.read();
    }
}
