package io.docverify.grpc.service;

import static io.docverify.grpc.Calls.passportOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.application.DocumentEventBus;
import io.docverify.grpc.Calls;
import io.docverify.grpc.EventsRecorder;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.backend.Backend;
import io.docverify.grpc.backend.InMemoryBackend;
import io.docverify.grpc.v1.DocumentServiceProto.DocumentEvent;
import io.docverify.grpc.v1.DocumentServiceProto.EventKind;
import io.docverify.grpc.v1.DocumentServiceProto.WatchEventsRequest;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.out.DocumentProvider;
import io.docverify.ports.out.ProviderEvent;
import io.docverify.ports.sandbox.SandboxUseCase;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A backend whose changes do not happen in process (as Dwolla's): WatchEvents' log does not follow the bus, on
 * which the webhook processor publishes too, so nothing is logged twice; the applied provider events
 * ({@code eventLog()} as the processor's {@code AppliedEvents}) reach the streams under their own ids. And a
 * shutdown ends open streams with UNAVAILABLE.
 */
class WatchEventsFromAppliedEventsTest {
    /** The in-memory stand-in, presented as a backend whose changes happen elsewhere. */
    private static final class RemoteLikeBackend implements Backend {
        private final InMemoryBackend base =
                new InMemoryBackend(InMemoryConfig.DEFAULTS.withSandboxReviewDelay(Duration.ZERO));

        @Override
        public String name() {
            return "remote-like";
        }

        @Override
        public DocumentProvider documents() {
            return base.documents();
        }

        @Override
        public Optional<SandboxUseCase> sandbox() {
            return base.sandbox();
        }

        @Override
        public Optional<DocumentEventBus> events() {
            return base.events();
        }

        @Override
        public Duration defaultWatchPollInterval() {
            return Duration.ZERO;
        }

        @Override
        public void close() {
            base.close();
        }
    }

    @Test
    void onlyAppliedProviderEventsAreLoggedNotTheBusOnes() throws Exception {
        try (var server = TestServer.start(TestServer.Kind.IN_PROCESS, new RemoteLikeBackend())) {
            var stream = EventsRecorder.watch(server.documentsAsync(), WatchEventsRequest.getDefaultInstance());
            String customer = Calls.customerAwaitingDocuments(server);
            var document = Calls.upload(server, passportOf(customer), TestFiles.png());

            var applied = new ProviderEvent("0f9a2d0e-6a38-4d4b-9f3c-2f0f6a3c1d11", Instant.parse(
                    "2026-12-01T08:00:00Z"), "customer_verification_document_uploaded", document.getId(),
                    Optional.empty(), Optional.of(URI.create("https://api.dwolla.com/customers/" + customer)));
            server.server().eventLog().applied(applied);
            server.server().eventLog().applied(applied);

            DocumentEvent event = stream.next();
            assertThat(event.getId()).isEqualTo(applied.id());
            assertThat(event.getKind()).isEqualTo(EventKind.EVENT_KIND_DOCUMENT_UPLOADED);
            assertThat(event.getCustomerId()).isEqualTo(customer);
            assertThat(event.getDocumentId()).isEqualTo(document.getId());
            assertThat(event.getCreated().getSeconds()).isEqualTo(applied.created().getEpochSecond());
            assertThat(stream.events.poll(300, TimeUnit.MILLISECONDS)).as("no bus event, no duplicate").isNull();
            assertThat(server.server().eventLog().size()).isEqualTo(1);
            stream.cancel();
        }
    }

    @Test
    void aShutdownEndsOpenStreamsWithUnavailable() throws Exception {
        try (var server = TestServer.start(TestServer.Kind.SOCKET, new RemoteLikeBackend())) {
            var stream = EventsRecorder.watch(server.documentsAsync(), WatchEventsRequest.getDefaultInstance());
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> server.server().activeEventStreams() == 1);

            server.server().stop();

            assertThat(stream.endCode()).isEqualTo(io.grpc.Status.Code.UNAVAILABLE);
            assertThat(io.grpc.Status.fromThrowable(stream.awaitEnd()).getDescription()).contains("after_event_id");
            assertThat(server.server().activeEventStreams()).isZero();
            assertThat(server.server().eventLog().subscriptionCount()).isZero();
        }
    }
}
