package io.docverify.grpc.service;

import static io.docverify.grpc.Calls.errorOf;
import static io.docverify.grpc.Calls.passportOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.application.DocumentEventBus;
import io.docverify.domain.DocumentId;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.grpc.Calls;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.WatchRecorder;
import io.docverify.grpc.backend.Backend;
import io.docverify.grpc.backend.InMemoryBackend;
import io.docverify.grpc.config.ConfigReader;
import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentProto.VerificationStatus;
import io.docverify.grpc.v1.SandboxServiceProto.CreateBeneficialOwnerRequest;
import io.docverify.grpc.v1.SandboxServiceProto.CreateCustomerRequest;
import io.docverify.grpc.v1.SandboxServiceProto.GetOwnerRequest;
import io.docverify.grpc.v1.SandboxServiceProto.ReviewDocumentRequest;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.out.DocumentProvider;
import io.docverify.ports.sandbox.NewCustomer;
import io.docverify.ports.sandbox.SandboxUseCase;
import io.grpc.Status;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A backend like Dwolla: its reviews do not arrive as in-process events, and it has no sandbox controls. Watches
 * then poll, and SandboxService answers UNIMPLEMENTED.
 */
class OtherBackendsTest {

    /** The in-memory backend seen from outside: no events, no sandbox. */
    private static final class RemoteLikeBackend implements Backend {
        final InMemoryBackend base = new InMemoryBackend(InMemoryConfig.DEFAULTS);

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
            return Optional.empty();
        }

        @Override
        public Optional<DocumentEventBus> events() {
            return Optional.empty();
        }

        @Override
        public Duration defaultWatchPollInterval() {
            return Duration.ofMinutes(1);
        }

        @Override
        public void close() {
            base.close();
        }
    }

    @Test
    void aWatchPollsABackendWhoseReviewsArriveElsewhere() throws Exception {
        var backend = new RemoteLikeBackend();
        var settings = TestServer.settings();
        settings.put("DOCVERIFY_WATCH_POLL_INTERVAL", "50ms");
        try (var server = TestServer.start(TestServer.Kind.IN_PROCESS, backend, ConfigReader.read(settings))) {
            SandboxUseCase sandbox = backend.base.sandbox().orElseThrow();
            String customer = sandbox.createCustomer(NewCustomer.inStatus(CustomerType.PERSONAL,
                    CustomerStatus.DOCUMENT)).toCompletableFuture().join().id().value();
            Document document = Calls.upload(server, passportOf(customer), TestFiles.png());
            var watch = WatchRecorder.watch(server.documentsAsync(), document.getId());
            assertThat(watch.next().getVerificationStatus())
                    .isEqualTo(VerificationStatus.VERIFICATION_STATUS_PENDING);

            sandbox.reviewDocument(new DocumentId(document.getId()), ReviewDecision.accept())
                    .toCompletableFuture().join();

            assertThat(watch.next().getVerificationStatus())
                    .isEqualTo(VerificationStatus.VERIFICATION_STATUS_ACCEPTED);
            assertThat(watch.endCode()).isEqualTo(Status.Code.OK);
        }
    }

    @Test
    void everySandboxCallIsUnimplementedWithoutTheInMemoryBackend() {
        try (var server = TestServer.start(TestServer.Kind.IN_PROCESS, new RemoteLikeBackend())) {
            var sandbox = server.sandbox();
            for (var call : java.util.List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(
                    () -> sandbox.createCustomer(CreateCustomerRequest.getDefaultInstance()),
                    () -> sandbox.createBeneficialOwner(CreateBeneficialOwnerRequest.getDefaultInstance()),
                    () -> sandbox.getOwner(GetOwnerRequest.newBuilder().setCustomerId("c-1").build()),
                    () -> sandbox.reviewDocument(ReviewDocumentRequest.newBuilder().setDocumentId("d-1").build()))) {
                var e = errorOf(call);
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
                assertThat(e.getStatus().getDescription()).contains("DOCVERIFY_BACKEND=inmemory")
                        .contains("remote-like");
            }
        }
    }
}
