package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Each OpenAPI violation is logged once, at WARN, as it happens: route and message key, no path, no values. */
class ViolationLogTest {
    @Test
    void eachViolationIsOneWarnLineWithoutThePathOrTheToken() {
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger logger = context.getLogger(ViolationLog.class);
        var captured = new ListAppender<ILoggingEvent>();
        captured.setContext(context);
        captured.start();
        logger.addAppender(captured);
        try (DwollaTestServer server = DwollaTestServer.start(DwollaServerConfig.builder().build());
                var control = new ControlClient(server)) {
            String customer = Seeds.customerAwaitingDocuments(server);
            control.get("/customers/" + customer + "/documents"); // no token, no Accept: violations

            assertThat(captured.list).hasSize(server.openApiViolations().size()).isNotEmpty()
                    .allSatisfy(e -> {
                        assertThat(e.getLevel().toString()).isEqualTo("WARN");
                        assertThat(e.getThrowableProxy()).isNull();
                        assertThat(e.getFormattedMessage())
                                .startsWith("OpenAPI violation on LIST_CUSTOMER_DOCUMENTS (request): validation.")
                                .doesNotContain(customer);
                    });
        } finally {
            logger.detachAppender(captured);
        }
    }

    @Test
    void aMessageWithoutAKeyIsLoggedAsUnknown() {
        assertThat(ViolationLog.key("request GET /x: odd"))
                .isEqualTo("unknown");
        assertThat(ViolationLog.key(
                "response 200 to GET /x: validation.response.body.schema.required: Object has missing"))
                .isEqualTo("validation.response.body.schema.required");
    }
}
