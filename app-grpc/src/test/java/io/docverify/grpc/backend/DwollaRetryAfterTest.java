package io.docverify.grpc.backend;

import static io.docverify.grpc.Calls.assertError;
import static io.docverify.grpc.Calls.errorOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.dwollaserver.DwollaServerConfig;
import io.docverify.dwollaserver.DwollaTestServer;
import io.docverify.dwollaserver.Fault;
import io.docverify.dwollaserver.Route;
import io.docverify.grpc.DocverifyServer;
import io.docverify.grpc.Launcher;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.Transports;
import io.docverify.grpc.config.ConfigReader;
import io.docverify.grpc.error.ErrorMapping;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentsRequest;
import io.docverify.ports.sandbox.NewCustomer;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dwolla's {@code Retry-After} on a 429 reaches the gRPC client as {@code google.rpc.RetryInfo} (and as gRPC's
 * pushback trailer), through the whole service on its {@code dwolla} backend.
 */
class DwollaRetryAfterTest {
    private DwollaTestServer dwolla;
    private DocverifyServer server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws IOException {
        dwolla = DwollaTestServer.start(DwollaServerConfig.builder().key(DwollaBackendTest.DWOLLA_KEY)
                .secret(DwollaBackendTest.DWOLLA_SECRET).build());
        var settings = DwollaBackendTest.settings(dwolla.baseUrl());
        settings.put("DOCVERIFY_DWOLLA_MAX_ATTEMPTS", "1"); // the adapter passes the 429 on at once
        server = Launcher.launch(ConfigReader.read(settings), Transports.netty(),
                new PrintStream(OutputStream.nullOutputStream()));
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.port(), InsecureChannelCredentials.create())
                .build();
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.stop();
        dwolla.close();
    }

    @Test
    void retryInfosDelayIsDwollasRetryAfter() throws InvalidProtocolBufferException {
        String customer = dwolla.sandbox().createCustomer(NewCustomer.inStatus(CustomerType.PERSONAL,
                CustomerStatus.DOCUMENT)).toCompletableFuture().join().id().value();
        dwolla.faults().on(Route.LIST_CUSTOMER_DOCUMENTS, Fault.tooManyRequests(Duration.ofSeconds(7)), 1);

        var e = errorOf(() -> DocumentServiceGrpc.newBlockingStub(channel)
                .withInterceptors(TestServer.bearer(TestServer.KEY)).withDeadlineAfter(10, TimeUnit.SECONDS)
                .listDocuments(ListDocumentsRequest.newBuilder().setCustomerId(customer).build()));

        assertError(e, Status.Code.RESOURCE_EXHAUSTED, "TooManyRequests");
        RetryInfo info = null;
        for (var detail : StatusProto.fromThrowable(e).getDetailsList()) {
            if (detail.is(RetryInfo.class)) {
                info = detail.unpack(RetryInfo.class);
            }
        }
        assertThat(info).as("RetryInfo detail").isNotNull();
        assertThat(info.getRetryDelay().getSeconds()).isEqualTo(7);
        assertThat(info.getRetryDelay().getNanos()).isZero();
        assertThat(e.getTrailers().get(Metadata.Key.of(ErrorMapping.PUSHBACK_TRAILER,
                Metadata.ASCII_STRING_MARSHALLER))).isEqualTo("7000");
    }
}
