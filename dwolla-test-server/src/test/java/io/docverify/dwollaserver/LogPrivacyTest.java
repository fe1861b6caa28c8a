package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.docverify.ports.contract.TestFiles;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A whole troubled session with every library logging at DEBUG: no token, secret or file byte in any line. */
class LogPrivacyTest {
    @Test
    void nothingSecretIsLoggedAtAnyLevel() {
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        var captured = new ListAppender<ILoggingEvent>();
        captured.setContext(context);
        captured.start();
        root.addAppender(captured);
        root.setLevel(Level.DEBUG);
        String secret = "s3cr3t-" + System.nanoTime();
        String fileMarker = "FILEBYTES-" + System.nanoTime();
        String token;
        try (DwollaTestServer server = DwollaTestServer.start(DwollaServerConfig.builder().key("log-key")
                .secret(secret).build())) {
            var client = new TestClient(server, true);
            client.token("log-key", "wrong-" + secret, "grant_type=client_credentials");
            token = client.token("log-key", secret, "grant_type=client_credentials").json()
                    .path("access_token").asText();
            client.useToken(token);
            String customer = Seeds.customerAwaitingDocuments(server);
            byte[] file = TestFiles.withSignature(TestFiles.PNG_SIGNATURE, 4096);
            System.arraycopy(fileMarker.getBytes(StandardCharsets.US_ASCII), 0, file, 100, fileMarker.length());
            client.upload("/customers/" + customer + "/documents", "passport", "p.png", file,
                    Map.of("Idempotency-Key", "log-key-1"));
            client.upload("/customers/" + customer + "/documents", "passport", "p.png", file);
            server.faults().on(Route.CREATE_CUSTOMER_DOCUMENT, Fault.resetAfterProcessing(), 1)
                    .on(Route.GET_DOCUMENT, Fault.malformedJson(), 1)
                    .on(Route.GET_DOCUMENT, Fault.delay(Duration.ofMillis(50)), 1);
            try {
                client.upload("/customers/" + customer + "/documents", "license", "l.png", TestFiles.png());
            } catch (RuntimeException reset) {
                // expected
            }
            client.get("/documents/x");
            client.get("/documents/y");
            server.expireAllTokens();
            client.get("/customers/" + customer + "/documents");
            client.useToken("forged-" + secret);
            client.get("/customers/" + customer + "/documents");
            LoggerFactory.getLogger("io.vertx.core.probe").debug("probe {}", 1);
        } finally {
            root.setLevel(before);
            root.detachAppender(captured);
        }

        String basic = Base64.getEncoder().encodeToString(("log-key:" + secret).getBytes(StandardCharsets.UTF_8));
        assertThat(captured.list).as("DEBUG lines are captured, so the check means something")
                .anySatisfy(e -> assertThat(e.getFormattedMessage()).isEqualTo("probe 1"));
        for (ILoggingEvent event : captured.list) {
            String line = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(line).doesNotContain(secret).doesNotContain(token).doesNotContain(basic)
                    .doesNotContain(fileMarker);
        }
    }
}
