package io.docverify.grpc.security;

import static io.docverify.grpc.Calls.errorOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.backend.InMemoryBackend;
import io.docverify.grpc.config.ConfigReader;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentRequest;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** TLS and mutual TLS from PEM files, with the committed test-only certificates (src/test/resources/tls). */
class TlsTest {

    private static File tls(String name) {
        try {
            return new File(TlsTest.class.getResource("/tls/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestServer server(boolean mutual) {
        var settings = TestServer.settings();
        settings.put("DOCVERIFY_TLS_CERT_FILE", tls("server.pem").getPath());
        settings.put("DOCVERIFY_TLS_KEY_FILE", tls("server.key").getPath());
        if (mutual) {
            settings.put("DOCVERIFY_TLS_CLIENT_CA_FILE", tls("ca.pem").getPath());
        }
        return TestServer.start(TestServer.Kind.SOCKET, new InMemoryBackend(InMemoryConfig.DEFAULTS),
                ConfigReader.read(settings));
    }

    /** The status a GetDocument of an unknown id ends with: NOT_FOUND means the call got through. */
    private static Status.Code call(TestServer server, ChannelCredentials credentials) {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.server().port(), credentials)
                .build();
        try {
            var e = errorOf(() -> DocumentServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(TestServer.bearer(TestServer.KEY)).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .getDocument(GetDocumentRequest.newBuilder().setDocumentId("unknown").build()));
            return e.getStatus().getCode();
        } finally {
            channel.shutdownNow();
        }
    }

    private static ChannelCredentials trustingTheCa() throws IOException {
        return TlsChannelCredentials.newBuilder().trustManager(tls("ca.pem")).build();
    }

    private static ChannelCredentials withClientCertificate(String name) throws IOException {
        return TlsChannelCredentials.newBuilder().trustManager(tls("ca.pem"))
                .keyManager(tls(name + ".pem"), tls(name + ".key")).build();
    }

    @Test
    void aTlsServerAnswersAClientThatTrustsItsCaAndRefusesPlaintext() throws IOException {
        try (TestServer server = server(false)) {
            assertThat(call(server, trustingTheCa())).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(call(server, InsecureChannelCredentials.create())).isEqualTo(Status.Code.UNAVAILABLE);
        }
    }

    @Test
    void aClientThatDoesNotTrustTheServerCannotConnect() {
        try (TestServer server = server(false)) {
            assertThat(call(server, TlsChannelCredentials.create())).isEqualTo(Status.Code.UNAVAILABLE);
        }
    }

    @Test
    void mutualTlsAcceptsOnlyClientsWithACertificateFromTheConfiguredCa() throws IOException {
        try (TestServer server = server(true)) {
            assertThat(call(server, withClientCertificate("client"))).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(call(server, trustingTheCa())).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(call(server, withClientCertificate("stranger"))).isEqualTo(Status.Code.UNAVAILABLE);
        }
    }
}
