package io.docverify.grpc.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.adapter.inmemory.store.InMemoryWebhookInbox;
import io.docverify.domain.Document;
import io.docverify.grpc.config.ConfigReader;
import io.docverify.grpc.config.WebhookSettings;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** The webhook port over HTTPS from DOCVERIFY_WEBHOOK_TLS_*, with the committed test-only certificates. */
class WebhookTlsTest {
    private static File tls(String name) throws Exception {
        return new File(WebhookTlsTest.class.getResource("/tls/" + name).toURI());
    }

    private static SSLContext trustingTheCa() throws Exception {
        var trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = new FileInputStream(tls("ca.pem"))) {
            trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    @Test
    void aSignedWebhookOverHttpsIsAcceptedAndPlaintextIsNot() throws Exception {
        WebhookSettings settings = ConfigReader.read(Map.of("DOCVERIFY_WEBHOOK_SECRET", WebhookHarness.SECRET,
                "DOCVERIFY_WEBHOOK_PORT", "0", "DOCVERIFY_WEBHOOK_TLS_CERT_FILE", tls("server.pem").getPath(),
                "DOCVERIFY_WEBHOOK_TLS_KEY_FILE", tls("server.key").getPath())).webhook();
        var inbox = new InMemoryWebhookInbox(Clock.systemUTC(), settings.replayWindow(), 100);
        try (var h = new WebhookHarness(inbox, Optional.empty(), settings)) {
            Document document = h.pendingDocument();
            byte[] raw = WebhookHarness.event("e-tls", "customer_verification_document_uploaded", document,
                    Instant.now()).getBytes(StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + h.intake.port()
                    + settings.path())).header("X-Request-Signature-SHA-256", h.codec.sign(raw))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build();

            HttpResponse<String> answer = HttpClient.newBuilder().sslContext(trustingTheCa()).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(inbox.status("e-tls").toCompletableFuture().join()).isNotEqualTo(
                    io.docverify.ports.out.WebhookInbox.Status.UNKNOWN);
            HttpRequest plaintext = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.intake.port()
                    + settings.path())).POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build();
            assertThatThrownBy(() -> h.http.send(plaintext, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
        }
    }
}
