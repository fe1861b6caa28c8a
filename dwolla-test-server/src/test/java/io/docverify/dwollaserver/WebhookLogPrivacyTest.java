package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.docverify.domain.CustomerId;
import io.docverify.domain.owner.CustomerStatus;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Webhooks delivered, failed and timed out with every library logging at DEBUG: no secret or body in any line. */
class WebhookLogPrivacyTest {
    @Test
    void noWebhookSecretOrBodyIsLogged() {
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        var captured = new ListAppender<ILoggingEvent>();
        captured.setContext(context);
        captured.start();
        root.addAppender(captured);
        root.setLevel(Level.DEBUG);
        String secret = "hook-s3cr3t-" + System.nanoTime();
        String body;
        try (var receiver = WebhookReceiver.start();
                DwollaTestServer server = DwollaTestServer.start(DwollaServerConfig.builder()
                        .webhooks(WebhookSettings.DWOLLA.withTimeout(Duration.ofMillis(300))).build())) {
            receiver.answer(n -> n == 0 ? 500 : 200);
            var client = new TestClient(server, true);
            client.login();
            client.send(client.authorized(HttpRequest.newBuilder(URI.create(server.baseUrl()
                    + "/webhook-subscriptions"))).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + receiver.url() + "\",\"secret\":\""
                            + secret + "\"}")).build());
            server.webhookFaults().signNextWithWrongSecret();
            String customer = Seeds.customerAwaitingDocuments(server);
            Seeds.join(server.sandbox().moveOwner(new CustomerId(customer), CustomerStatus.RETRY));
            Seeds.join(server.sandbox().moveOwner(new CustomerId(customer), CustomerStatus.DOCUMENT));
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() >= 2);
            body = receiver.received().get(0).text();
            receiver.answerAfter(1_000);
            Seeds.join(server.sandbox().moveOwner(new CustomerId(customer), CustomerStatus.RETRY));
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() >= 3);
            LoggerFactory.getLogger("io.vertx.core.probe").debug("probe {}", 1);
        } finally {
            root.setLevel(before);
            root.detachAppender(captured);
        }

        assertThat(captured.list).as("DEBUG lines are captured, so the check means something")
                .anySatisfy(e -> assertThat(e.getFormattedMessage()).isEqualTo("probe 1"));
        for (ILoggingEvent event : captured.list) {
            String line = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(line).doesNotContain(secret).doesNotContain(body);
        }
    }
}
