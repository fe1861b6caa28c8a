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
    void theTransportsStackTracesForAClientsMistakeBecomeOneLineAndABugKeepsItsTrace() {
        var context = context();
        new LogConfiguration().apply(context);
        var captured = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        captured.setContext(context);
        captured.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(captured);
        var netty = context.getLogger("io.grpc.netty.shaded.io.grpc.netty.NettyServerHandler");

        netty.warn("Exception in onHeadersRead()", new NumberFormatException("For input string: \"soo\""));
        netty.warn("Stream Error", new IllegalStateException("wrapped", new IllegalArgumentException("bad header")));
        netty.warn("Unexpected", new NullPointerException("a bug"));

        assertThat(captured.list).hasSize(3);
        assertThat(captured.list.get(0).getLoggerName()).isEqualTo("io.docverify.grpc.transport");
        assertThat(captured.list.get(0).getThrowableProxy()).isNull();
        assertThat(captured.list.get(0).getKeyValuePairs().toString()).contains("NumberFormatException", "soo");
        assertThat(captured.list.get(1).getThrowableProxy()).isNull();
        assertThat(captured.list.get(2).getLoggerName()).endsWith("NettyServerHandler");
        assertThat(captured.list.get(2).getThrowableProxy()).isNotNull();
        context.stop();
    }

    @Test
    void aTestConfigurationOnTheClassPathWins() {
        // This module's tests have logback-test.xml: the configurator must leave it to logback's XML reader.
        assertThat(LogConfiguration.class.getClassLoader().getResource("logback-test.xml")).isNotNull();
        assertThat(new LogConfiguration().configure(new LoggerContext()))
                .isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
    }
}
