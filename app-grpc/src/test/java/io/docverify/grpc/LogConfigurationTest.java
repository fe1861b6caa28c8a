package io.docverify.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The service's logging configuration: both formats, and stepping aside for a test configuration. */
class LogConfigurationTest {

    private static LoggerContext context() {
        var context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        return context;
    }

    private static LoggingEvent event(LoggerContext context) {
        var event = new LoggingEvent("fqcn", context.getLogger("io.docverify.grpc.DocverifyServer"), Level.INFO,
                "docverify started", null, null);
        event.addKeyValuePair(new org.slf4j.event.KeyValuePair("event", "server.started"));
        return event;
    }

    @Test
    void theTextFormatIsOneKeyValueLine() {
        var context = context();
        String line = new String(LogConfiguration.encoder(context, "text").encode(event(context)),
                StandardCharsets.UTF_8);

        assertThat(line).matches("ts=\\d{4}-\\d\\d-\\d\\dT[^ ]+Z level=INFO logger=DocverifyServer "
                + "msg=\"docverify started\" event=\"server.started\"\\R");
    }

    @Test
    void theJsonFormatIsOneJsonObjectPerLine() {
        var context = context();
        String line = new String(LogConfiguration.encoder(context, "json").encode(event(context)),
                StandardCharsets.UTF_8);

        assertThat(line).startsWith("{").endsWith("}\n").contains("\"level\":\"INFO\"")
                .contains("\"formattedMessage\":\"docverify started\"").contains("server.started")
                .doesNotContain("\n{");
    }

    @Test
    void aTestConfigurationOnTheClassPathWins() {
        // This module's tests have logback-test.xml: the configurator must leave it to logback's XML reader.
        assertThat(LogConfiguration.class.getClassLoader().getResource("logback-test.xml")).isNotNull();
        assertThat(new LogConfiguration().configure(new LoggerContext()))
                .isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
    }
}
