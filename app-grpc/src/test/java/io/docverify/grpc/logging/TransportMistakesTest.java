package io.docverify.grpc.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import io.docverify.grpc.LogConfigurationAccess;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.logs.CapturedLogs;
import io.docverify.grpc.testing.RawHttp2;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Client mistakes that the transport (Netty, gRPC's Netty handler) refuses itself: the client gets its error, and
 * the log gets one line without a stack trace, as the service's logging configuration sets it up.
 */
class TransportMistakesTest {
    private static final String METHOD = DocumentServiceGrpc.getGetDocumentMethod().getFullMethodName();
    private static final Map<String, String> AUTH = Map.of("authorization", "Bearer " + TestServer.KEY);
    private static TestServer server;
    private static Runnable uninstall;

    @BeforeAll
    static void start() {
        uninstall = LogConfigurationAccess.installTransportFilter((LoggerContext) LoggerFactory.getILoggerFactory());
        server = TestServer.start(TestServer.Kind.SOCKET);
    }

    @AfterAll
    static void stop() {
        server.close();
        uninstall.run();
    }

    private static void assertOneLineWithoutTrace(CapturedLogs logs, String what) {
        // The line may come a moment after the client saw its answer.
        org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> true);
        assertThat(logs.lines()).as(what + ":\n" + logs.text()).isLessThanOrEqualTo(1);
        assertThat(logs.anyStackTrace()).as(what + ":\n" + logs.text()).isFalse();
    }

    @Test
    void headersOverEightKibibytesAreOneLine() throws Exception {
        try (CapturedLogs logs = CapturedLogs.start(); RawHttp2 raw = RawHttp2.connect(server.server().port())) {
            var headers = RawHttp2.with(RawHttp2.grpcRequest(METHOD), AUTH).add("x-padding", "p".repeat(9000));
            raw.headers(1, headers, false);
            raw.message(1, GetDocumentRequest.newBuilder().setDocumentId("x").build().toByteArray(), true);
            RawHttp2.End end = raw.awaitEnd(1, Duration.ofSeconds(10));

            // Netty answers 431 Request Header Fields Too Large.
            assertThat(end.httpStatus()).as(end.toString()).contains(431);
            assertOneLineWithoutTrace(logs, "headers over 8 KiB");
        }
    }

    @Test
    void headersFarOverTheLimitEndTheConnectionWithOneLine() throws Exception {
        try (CapturedLogs logs = CapturedLogs.start(); RawHttp2 raw = RawHttp2.connect(server.server().port())) {
            // Past 8 KiB + 25 % Netty ends the whole connection (GOAWAY) instead of the stream.
            var headers = RawHttp2.with(RawHttp2.grpcRequest(METHOD), AUTH).add("x-padding", "p".repeat(15000));
            raw.headers(1, headers, true);
            RawHttp2.End end = raw.awaitEnd(1, Duration.ofSeconds(10));

            assertThat(end.grpcStatus()).as(end.toString()).isNotEqualTo(java.util.Optional.of(0));
            assertOneLineWithoutTrace(logs, "headers far over 8 KiB");
        }
    }

    @Test
    void aMessageOverTheTransportLimitIsResourceExhaustedAndOneLine() throws Exception {
        try (CapturedLogs logs = CapturedLogs.start(); RawHttp2 raw = RawHttp2.connect(server.server().port())) {
            raw.headers(1, RawHttp2.with(RawHttp2.grpcRequest(METHOD), AUTH), false);
            raw.messageHeader(1, 2 * 1024 * 1024);
            RawHttp2.End end = raw.awaitEnd(1, Duration.ofSeconds(10));

            assertThat(end.grpcStatus()).as(end.toString()).contains(io.grpc.Status.Code.RESOURCE_EXHAUSTED.value());
            assertOneLineWithoutTrace(logs, "a message over the limit");
        }
    }

    @Test
    void aMalformedGrpcTimeoutIsOneLine() throws Exception {
        try (CapturedLogs logs = CapturedLogs.start(); RawHttp2 raw = RawHttp2.connect(server.server().port())) {
            // The stream is refused on its headers: no message follows.
            raw.headers(1, RawHttp2.with(RawHttp2.grpcRequest(METHOD), AUTH).add("grpc-timeout", "soon"), true);
            RawHttp2.End end = raw.awaitEnd(1, Duration.ofSeconds(10));

            assertThat(end.grpcStatus()).as(end.toString()).isNotEqualTo(java.util.Optional.of(0));
            assertOneLineWithoutTrace(logs, "a malformed grpc-timeout");
        }
    }

    @Test
    void aClientRepeatingATransportMistakeCostsTheLogAFewLines() throws Exception {
        try (CapturedLogs logs = CapturedLogs.start(); RawHttp2 raw = RawHttp2.connect(server.server().port())) {
            for (int stream = 1; stream < 80; stream += 2) {
                raw.headers(stream, RawHttp2.with(RawHttp2.grpcRequest(METHOD), AUTH).add("grpc-timeout", "soon"),
                        true);
                raw.awaitEnd(stream, Duration.ofSeconds(10));
            }
            Thread.sleep(300);
            assertThat(logs.lines()).as(logs.text()).isLessThanOrEqualTo(10);
            assertThat(logs.anyStackTrace()).isFalse();
        }
    }
}
