package io.docverify.grpc.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.grpc.EventsRecorder;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.backend.InMemoryBackend;
import io.docverify.grpc.config.ConfigReader;
import io.docverify.grpc.v1.DocumentServiceProto.WatchEventsRequest;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 2,000 WatchEvents streams on one real socket connection: opening them and fanning an event out to all of them
 * adds no thread per stream (the streams drain on {@link EventStreams#DRAIN_THREADS} threads), and each stream
 * gets the event once. Client callbacks run on the transport's thread, so the client adds none either.
 */
class ManyEventStreamsTest {
    private static final int STREAMS = 2_000;
    private static final int BATCH = 50;
    /** Room for the pools' own variation (gRPC's and Netty's); a thread per stream would add 2,000. */
    private static final int THREAD_SLACK = 60;

    @Test
    void threadsDoNotGrowWithTheNumberOfStreams() throws Exception {
        var settings = TestServer.settings();
        settings.put("DOCVERIFY_MAX_CALLS_PER_CONNECTION", String.valueOf(STREAMS + 100));
        try (var server = TestServer.start(TestServer.Kind.SOCKET, new InMemoryBackend(InMemoryConfig.DEFAULTS
                .withSandboxReviewDelay(Duration.ZERO)), ConfigReader.read(settings))) {
            var stub = server.documentsAsync().withExecutor(Runnable::run).withDeadlineAfter(2, TimeUnit.MINUTES);
            var log = server.server().eventLog();
            String owner = "owner-" + UUID.randomUUID();
            var streams = new ArrayList<EventsRecorder>();
            // A few streams first, so that the pools every call uses have started.
            open(stub, streams, BATCH, owner);
            await().pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(20)).until(() -> log.subscriptionCount() == streams.size());
            int before = threads();

            while (streams.size() < STREAMS) {
                open(stub, streams, BATCH, owner);
                await().pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(20)).until(() -> log.subscriptionCount() == streams.size());
            }
            int withStreams = threads();
            log.record(WatchEventsBehaviour.uploadOf(owner));
            String id = log.newestId().orElseThrow();
            for (EventsRecorder stream : streams) {
                assertThat(stream.next().getId()).isEqualTo(id);
            }
            int afterFanOut = threads();

            assertThat(server.server().activeEventStreams()).isEqualTo(STREAMS);
            assertThat(withStreams).as("threads with %d streams open (before: %d)", STREAMS, before)
                    .isLessThan(before + THREAD_SLACK);
            assertThat(afterFanOut).as("threads after one event reached %d streams (before: %d)", STREAMS, before)
                    .isLessThan(before + THREAD_SLACK);
            assertThat(streams).allSatisfy(s -> assertThat(s.events).isEmpty());

            streams.forEach(EventsRecorder::cancel);
            await().atMost(Duration.ofSeconds(30)).until(() -> log.subscriptionCount() == 0
                    && server.server().activeEventStreams() == 0);
        }
    }

    private static void open(io.docverify.grpc.v1.DocumentServiceGrpc.DocumentServiceStub stub,
            List<EventsRecorder> streams, int count, String owner) {
        for (int i = 0; i < count; i++) {
            WatchEventsRequest request = i % 2 == 0 ? WatchEventsRequest.getDefaultInstance()
                    : WatchEventsRequest.newBuilder().setCustomerId(owner).build();
            streams.add(EventsRecorder.start(stub, request, false));
        }
    }

    private static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }
}
