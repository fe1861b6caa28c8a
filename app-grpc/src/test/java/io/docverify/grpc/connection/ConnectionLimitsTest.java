package io.docverify.grpc.connection;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.grpc.Calls;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.WatchRecorder;
import io.docverify.grpc.backend.InMemoryBackend;
import io.docverify.grpc.config.ConfigReader;
import io.docverify.grpc.testing.RawHttp2;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentRequest;
import io.docverify.ports.contract.TestFiles;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The connection layer against raw sockets on 127.0.0.1: connections that never start a call are closed within
 * the handshake and idle limits, the connection cap closes unused connections first and never a healthy one, and
 * a client that opens and resets streams as fast as it can (HTTP/2 rapid reset) gets a GOAWAY, logged once with
 * its reason, while other connections carry on. Short limits here; the defaults are in the README.
 */
class ConnectionLimitsTest {
    private final List<AutoCloseable> resources = new ArrayList<>();

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Logger watchLog = (Logger) LoggerFactory.getLogger(ConnectionWatch.class);

    @BeforeEach
    void capture() {
        captured.start();
        watchLog.addAppender(captured);
    }

    @AfterEach
    void closeAll() throws Exception {
        watchLog.detachAppender(captured);
        for (AutoCloseable r : resources) {
            r.close();
        }
    }

    private List<ILoggingEvent> failures() {
        synchronized (captured.list) {
            return captured.list.stream().filter(e -> e.getKeyValuePairs() != null && e.getKeyValuePairs().stream()
                    .anyMatch(kv -> kv.key.equals("event") && "connection.failed".equals(kv.value))).toList();
        }
    }

    private TestServer server(Map<String, String> extra) {
        var settings = TestServer.settings();
        settings.putAll(extra);
        var server = TestServer.start(TestServer.Kind.SOCKET,
                new InMemoryBackend(InMemoryConfig.DEFAULTS.withSandboxReviewDelay(Duration.ZERO)),
                ConfigReader.read(settings));
        resources.add(server);
        return server;
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    private ManagedChannel channel(TestServer server) {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.server().port(),
                InsecureChannelCredentials.create()).build();
        resources.add(channel::shutdownNow);
        return channel;
    }

    private static HealthCheckResponse.ServingStatus health(ManagedChannel channel) {
        return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance()).getStatus();
    }

    private static long closedWithin(RawHttp2 socket, long seconds) throws Exception {
        return socket.closed().get(seconds, TimeUnit.SECONDS);
    }

    @Test
    void socketsThatNeverStartACallAreClosedWithinTheHandshakeAndIdleLimits() throws Exception {
        var server = server(Map.of("DOCVERIFY_HANDSHAKE_TIMEOUT", "1s", "DOCVERIFY_CONNECTION_IDLE_TIMEOUT", "2s"));
        int port = server.server().port();
        var silent = new ArrayList<RawHttp2>();
        var magicOnly = new ArrayList<RawHttp2>();
        var preface = new ArrayList<RawHttp2>();
        for (int i = 0; i < 10; i++) {
            silent.add(keep(RawHttp2.silent(port)));
            magicOnly.add(keep(RawHttp2.magicOnly(port)));
            preface.add(keep(RawHttp2.connect(port)));
        }
        // Generous bounds for a loaded machine; without limits none of them closes in the first 120 s.
        for (RawHttp2 s : silent) {
            assertThat(closedWithin(s, 20)).as("a silent socket, closed after (ms)").isGreaterThanOrEqualTo(900);
        }
        for (RawHttp2 s : magicOnly) {
            assertThat(closedWithin(s, 20)).as("a magic-only socket, closed after (ms)").isGreaterThanOrEqualTo(900);
        }
        for (RawHttp2 s : preface) {
            // the idle limit's GOAWAY, then the close once its PING goes unanswered
            assertThat(s.goAway().get(20, TimeUnit.SECONDS).errorCode()).as("GOAWAY NO_ERROR").isZero();
            closedWithin(s, 30);
        }
        assertThat(health(server.channel())).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }

    @Test
    void atTheCapANewConnectionClosesTheOldestUnusedOneSoHealthChecksStillGetIn() throws Exception {
        var server = server(Map.of("DOCVERIFY_MAX_CONNECTIONS", "4"));
        int port = server.server().port();
        ManagedChannel healthy = channel(server);
        assertThat(health(healthy)).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        var first = keep(RawHttp2.silent(port));
        var second = keep(RawHttp2.connect(port));
        var third = keep(RawHttp2.silent(port));
        Thread.sleep(300);
        assertThat(first.closed()).as("under the cap nothing is closed").isNotDone();

        var fourth = keep(RawHttp2.silent(port)); // the fifth connection: the oldest unused one goes
        closedWithin(first, 10);
        assertThat(health(channel(server))).as("a health check on a new connection, at the cap")
                .isEqualTo(HealthCheckResponse.ServingStatus.SERVING); // the second one goes
        closedWithin(second, 10);
        assertThat(third.closed()).isNotDone();
        assertThat(fourth.closed()).isNotDone();
        assertThat(health(healthy)).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }

    @Test
    void atTheCapWithEveryConnectionInUseANewConnectionIsClosedAtOnce() throws Exception {
        var server = server(Map.of("DOCVERIFY_MAX_CONNECTIONS", "3"));
        int port = server.server().port();
        var inUse = List.of(channel(server), channel(server), channel(server));
        for (ManagedChannel c : inUse) {
            assertThat(health(c)).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        }
        for (int i = 0; i < 5; i++) {
            var refused = keep(RawHttp2.silent(port));
            closedWithin(refused, 5);
        }
        for (ManagedChannel c : inUse) {
            assertThat(health(c)).as("the existing connections keep working")
                    .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        }
    }

    @Test
    void openingAndResettingStreamsFastDrawsGoAwayAndLeavesOtherConnectionsAlone() throws Exception {
        var server = server(Map.of());
        var attacker = keep(RawHttp2.connect(server.server().port()));
        // Health checking needs no key, so only the RST_STREAM limit can stop this client.
        long started = System.nanoTime();
        int sent = attacker.rapidReset(20_000, "/" + HealthGrpc.SERVICE_NAME + "/Check");

        RawHttp2.GoAway goAway = attacker.goAway().get(20, TimeUnit.SECONDS);
        closedWithin(attacker, 20);
        System.out.printf("rapid reset: %d streams opened and reset in %.1f s; GOAWAY %d (%s) when %d resets"
                        + " were written%n", sent, (System.nanoTime() - started) / 1e9, goAway.errorCode(),
                goAway.debugData(), goAway.resetsWritten());
        assertThat(goAway.errorCode()).as("ENHANCE_YOUR_CALM").isEqualTo(0xb);
        org.awaitility.Awaitility.await("the failure is logged").atMost(10, TimeUnit.SECONDS)
                .until(() -> !failures().isEmpty());
        Thread.sleep(200);
        assertThat(failures()).as("one line, with the reason").singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
            assertThat(e.getKeyValuePairs()).anySatisfy(kv -> {
                assertThat(kv.key).isEqualTo("goAway");
                assertThat(kv.value).isEqualTo("ENHANCE_YOUR_CALM");
            }).anySatisfy(kv -> {
                assertThat(kv.key).isEqualTo("reason");
                assertThat(kv.value).isEqualTo("too_many_rststreams");
            });
        });
        assertThat(health(server.channel())).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        var missing = io.grpc.Status.fromThrowable(org.assertj.core.api.Assertions.catchThrowable(() ->
                server.documents().getDocument(GetDocumentRequest.newBuilder()
                        .setDocumentId("00000000-0000-0000-0000-000000000000").build())));
        assertThat(missing.getCode()).as("an ordinary call on another connection").isEqualTo(io.grpc.Status.Code.NOT_FOUND);
    }

    /**
     * A client may cancel every stream it has open on one connection at once (a service shutting down its watches,
     * a fleet of watchers re-balanced): that is as many RST_STREAM frames as streams, and must not be taken for the
     * rapid-reset attack, whatever {@code DOCVERIFY_MAX_CALLS_PER_CONNECTION} allows. The stream left open proves that
     * the connection carried on (a GOAWAY would end it UNAVAILABLE; grpc-java's channel would reconnect silently).
     */
    @Test
    void aClientCancellingEveryStreamItHasOpenAtOnceKeepsItsConnection() throws Exception {
        int watches = 2_500;
        var server = server(Map.of("DOCVERIFY_MAX_CALLS_PER_CONNECTION", String.valueOf(watches + 10)));
        String owner = Calls.customerAwaitingDocuments(server);
        String document = Calls.upload(server, Calls.passportOf(owner), TestFiles.png()).getId();
        var bus = server.backend().events().orElseThrow();
        int serviceListeners = bus.listenerCount();
        var stub = DocumentServiceGrpc.newStub(channel(server)).withInterceptors(TestServer.bearer(TestServer.KEY));

        WatchRecorder survivor = WatchRecorder.watch(stub, document);
        List<WatchRecorder> cancelled = new ArrayList<>();
        for (int i = 0; i < watches; i++) {
            cancelled.add(WatchRecorder.watch(stub, document));
        }
        org.awaitility.Awaitility.await("every watch open at the server").atMost(60, TimeUnit.SECONDS)
                .until(() -> bus.listenerCount() - serviceListeners == watches + 1);

        cancelled.forEach(WatchRecorder::cancel);
        org.awaitility.Awaitility.await("the cancelled watches gone at the server").atMost(30, TimeUnit.SECONDS)
                .until(() -> bus.listenerCount() - serviceListeners <= 1);
        for (WatchRecorder watch : cancelled) {
            assertThat(watch.endCode()).isEqualTo(io.grpc.Status.Code.CANCELLED);
        }
        assertThat(bus.listenerCount() - serviceListeners).as("the stream not cancelled is still open").isEqualTo(1);
        assertThat(survivor.end).as("the stream not cancelled has not ended").isNotDone();
        assertThat(failures()).as("no connection closed for its resets").isEmpty();
        survivor.cancel();
    }
}
