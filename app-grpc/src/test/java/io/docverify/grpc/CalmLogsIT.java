package io.docverify.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.grpc.testing.RawHttp2;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged service's own log (its logging configuration, gRPC's java.util.logging bridged) for a client's
 * mistakes: one line each, and no stack trace.
 */
class CalmLogsIT {
    private static final String METHOD = DocumentServiceGrpc.getGetDocumentMethod().getFullMethodName();
    private static final Map<String, String> AUTH = Map.of("authorization", "Bearer " + TestServer.KEY);

    @Test
    void aClientsMistakesAreOneLineEachWithoutAStackTrace() throws Exception {
        try (RunningJar jar = RunningJar.start("calm-logs", List.of(), Map.of("DOCVERIFY_API_KEYS", TestServer.KEY))) {
            byte[] get = GetDocumentRequest.newBuilder().setDocumentId("x").build().toByteArray();
            try (RawHttp2 raw = RawHttp2.connect(jar.port())) {
                raw.headers(1, RawHttp2.with(RawHttp2.grpcRequest(METHOD), AUTH).add("x-padding", "p".repeat(9000)),
                        false);
                raw.message(1, get, true);
                raw.awaitEnd(1, Duration.ofSeconds(10));
                raw.headers(3, RawHttp2.with(RawHttp2.grpcRequest(METHOD), AUTH), false);
                raw.messageHeader(3, 2 * 1024 * 1024);
                raw.awaitEnd(3, Duration.ofSeconds(10));
                raw.headers(5, RawHttp2.with(RawHttp2.grpcRequest(METHOD), AUTH).add("grpc-timeout", "soon"), true);
                raw.awaitEnd(5, Duration.ofSeconds(10));
                raw.headers(7, RawHttp2.with(RawHttp2.grpcRequest(METHOD), AUTH), false);
                raw.message(7, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}, true);
                raw.awaitEnd(7, Duration.ofSeconds(10));
            }
            Thread.sleep(500);
            String log = jar.log();
            List<String> warnings = log.lines().filter(l -> !l.contains("level=INFO")).toList();

            assertThat(log).as(log).doesNotContain("\tat ").doesNotContain("logger=NettyServerHandler").doesNotContain("logger=NettyServerStream");
            assertThat(warnings).as(log).hasSize(4).allSatisfy(l -> assertThat(l).contains("level=WARN"));
            assertThat(log).contains("event=\"transport.refused\"", "event=\"request.malformed\"");
        }
    }

    /**
     * Dwolla resetting the adapter's connection (a TCP RST as the request arrives) is retried and the call answered;
     * the packaged service's log has no stack trace and no ERROR for it: a peer's reset is nothing to page anyone for.
     */
    @Test
    void dwollaResettingTheConnectionIsRetriedAndLogsNoStackTraceNorError() throws Exception {
        try (var dwolla = io.docverify.dwollaserver.DwollaTestServer.start(io.docverify.dwollaserver.DwollaServerConfig
                .builder().key("calm-dwolla-key").secret("calm-dwolla-secret").build())) {
            dwolla.faults().on(io.docverify.dwollaserver.Route.GET_DOCUMENT,
                    io.docverify.dwollaserver.Fault.resetBeforeProcessing(), 3);
            var env = new java.util.HashMap<String, String>();
            env.put("DOCVERIFY_API_KEYS", TestServer.KEY);
            env.put("DOCVERIFY_BACKEND", "dwolla");
            env.put("DOCVERIFY_DWOLLA_BASE_URL", dwolla.baseUrl());
            env.put("DOCVERIFY_DWOLLA_KEY", "calm-dwolla-key");
            env.put("DOCVERIFY_DWOLLA_SECRET", "calm-dwolla-secret");
            env.put("DOCVERIFY_DWOLLA_RETRY_INITIAL_BACKOFF", "10ms");
            env.put("DOCVERIFY_DWOLLA_RETRY_MAX_BACKOFF", "50ms");
            try (RunningJar jar = RunningJar.start("calm-logs-dwolla-reset", List.of(), env)) {
                var stub = DocumentServiceGrpc.newBlockingStub(jar.channel())
                        .withInterceptors(TestServer.bearer(TestServer.KEY))
                        .withDeadlineAfter(30, java.util.concurrent.TimeUnit.SECONDS);
                var status = io.grpc.Status.fromThrowable(org.assertj.core.api.Assertions.catchThrowable(() ->
                        stub.getDocument(GetDocumentRequest.newBuilder()
                                .setDocumentId("00000000-0000-4000-8000-000000000000").build())));
                assertThat(status.getCode()).as("answered after the resets: the document is unknown")
                        .isEqualTo(io.grpc.Status.Code.NOT_FOUND);
                assertThat(dwolla.faults().remaining(io.docverify.dwollaserver.Route.GET_DOCUMENT))
                        .as("every reset was met").isZero();
                Thread.sleep(500);
                String log = jar.log();
                assertThat(log).as(log).doesNotContain("\tat ").doesNotContain("level=ERROR");
            }
        }
    }
}
