package io.docverify.grpc.error;

import static io.docverify.grpc.Calls.assertError;
import static io.docverify.grpc.Calls.errorOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.application.DocumentEventBus;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.ErrorCode;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.backend.Backend;
import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentRequest;
import io.docverify.ports.out.DocumentPage;
import io.docverify.ports.out.DocumentSubmission;
import io.docverify.ports.out.DocumentProvider;
import io.docverify.ports.sandbox.SandboxUseCase;
import io.grpc.Status;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of the error table through a real server, in-process and over a socket: a backend whose provider
 * fails a read with the code named by the document id, and a client that reads the status and ErrorInfo.
 */
class ErrorMappingOverGrpcTest {
    private static final Map<TestServer.Kind, TestServer> SERVERS = new EnumMap<>(TestServer.Kind.class);

    @BeforeAll
    static void start() {
        for (TestServer.Kind kind : TestServer.Kind.values()) {
            SERVERS.put(kind, TestServer.start(kind, new FailingBackend()));
        }
    }

    @AfterAll
    static void stop() {
        SERVERS.values().forEach(TestServer::close);
    }

    static Stream<Arguments> rows() {
        return Stream.of(TestServer.Kind.values()).flatMap(kind -> Stream.of(ErrorCode.values())
                .map(code -> Arguments.of(kind, code)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("rows")
    void aProviderErrorReachesTheClientWithItsStatusAndDwollaCode(TestServer.Kind kind, ErrorCode code) {
        var e = errorOf(() -> SERVERS.get(kind).documents()
                .getDocument(GetDocumentRequest.newBuilder().setDocumentId(code.name()).build()));

        String expectedReason = code == ErrorCode.UNKNOWN ? "SomeFutureDwollaCode" : code.wire();
        assertError(e, ErrorMapping.statusCode(code), expectedReason);
        assertThat(Status.fromThrowable(e).getDescription()).isEqualTo("failure " + code.name());
    }

    /** A provider whose reads fail with the error code named by the document id. */
    private static final class FailingBackend implements Backend, DocumentProvider {
        @Override
        public CompletionStage<Document> get(DocumentId id) {
            ErrorCode code = ErrorCode.valueOf(id.value());
            DocumentError error = code == ErrorCode.UNKNOWN
                    ? new DocumentError(code, "SomeFutureDwollaCode", "failure " + code.name(), List.of(),
                            Optional.empty())
                    : DocumentError.of(code, "failure " + code.name());
            return CompletableFuture.failedFuture(error.toException());
        }

        @Override
        public CompletionStage<Document> create(DocumentSubmission command) {
            return CompletableFuture.failedFuture(new AssertionError("this test reads documents only"));
        }

        @Override
        public CompletionStage<DocumentPage> list(OwnerId owner) {
            return CompletableFuture.failedFuture(new AssertionError("this test reads documents only"));
        }

        @Override
        public String name() {
            return "failing";
        }

        @Override
        public DocumentProvider documents() {
            return this;
        }

        @Override
        public Optional<SandboxUseCase> sandbox() {
            return Optional.empty();
        }

        @Override
        public Optional<DocumentEventBus> events() {
            return Optional.of(new DocumentEventBus());
        }

        @Override
        public Duration defaultWatchPollInterval() {
            return Duration.ZERO;
        }

        @Override
        public void close() {
        }
    }
}
