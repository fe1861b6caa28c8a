package io.docverify.grpc.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.dwollaserver.DwollaServerConfig;
import io.docverify.dwollaserver.DwollaTestServer;
import io.docverify.dwollaserver.Fault;
import io.docverify.dwollaserver.Route;
import io.docverify.grpc.Calls;
import io.docverify.grpc.DocverifyServer;
import io.docverify.grpc.Launcher;
import io.docverify.grpc.LogConfigurationAccess;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.Transports;
import io.docverify.grpc.config.ConfigReader;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.sandbox.NewCustomer;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.HashMap;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The spans of one upload whose first attempt at Dwolla fails with a 500, through the whole service on its
 * {@code dwolla} backend against the Dwolla test server on 127.0.0.1, exported to memory: the caller's
 * {@code traceparent} continued by a server span, and under it a client span per HTTP request on the wire (the
 * token, the failed attempt, the look-up that finds nothing, the attempt that creates); no attribute carries the
 * file name, a key, a token or the secret; and the call's log lines carry its trace id.
 */
class TracedUploadTest {
    private static final String DWOLLA_KEY = "app-key-for-the-tracing-test";
    private static final String DWOLLA_SECRET = "app-secret-for-the-tracing-test-never-exported";
    private static final String CALLER_TRACE = "4bf92f3577b34da6a3a2b2b8ba5fd1e1";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private DwollaTestServer dwolla;
    private DocverifyServer server;
    private ManagedChannel channel;
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private ch.qos.logback.core.Appender<ILoggingEvent> traced;
    private Level docverifyLevel;

    @BeforeEach
    void start() throws Exception {
        dwolla = DwollaTestServer.start(DwollaServerConfig.builder().key(DWOLLA_KEY).secret(DWOLLA_SECRET).build());
        var sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        Map<String, String> settings = new HashMap<>(TestServer.settings());
        settings.put("DOCVERIFY_BACKEND", "dwolla");
        settings.put("DOCVERIFY_DWOLLA_BASE_URL", dwolla.baseUrl());
        settings.put("DOCVERIFY_DWOLLA_KEY", DWOLLA_KEY);
        settings.put("DOCVERIFY_DWOLLA_SECRET", DWOLLA_SECRET);
        settings.put("DOCVERIFY_DWOLLA_RETRY_INITIAL_BACKOFF", "10ms");
        settings.put("DOCVERIFY_DWOLLA_RETRY_MAX_BACKOFF", "50ms");
        server = Launcher.launch(ConfigReader.read(settings), Transports.netty(),
                new PrintStream(OutputStream.nullOutputStream()), sdk);
        var caller = new Metadata();
        caller.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER),
                "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01");
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.port(), InsecureChannelCredentials.create())
                .intercept(MetadataUtils.newAttachHeadersInterceptor(caller))
                .build();

        // The service's trace-id appender on the real log configuration, for io.docverify's INFO lines.
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        lines.setContext(context);
        lines.start();
        traced = LogConfigurationAccess.withTraceIds(context, lines);
        Logger docverify = context.getLogger("io.docverify");
        docverifyLevel = docverify.getLevel();
        docverify.setLevel(Level.INFO);
        docverify.addAppender(traced);
    }

    @AfterEach
    void stop() {
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger docverify = context.getLogger("io.docverify");
        docverify.detachAppender(traced);
        docverify.setLevel(docverifyLevel);
        traced.stop();
        channel.shutdownNow();
        server.stop();
        dwolla.close();
    }

    @Test
    void anUploadWithOneDwollaRetryIsOneTraceWithASpanPerHttpAttempt() throws Exception {
        String customer = dwolla.sandbox().createCustomer(NewCustomer.inStatus(CustomerType.PERSONAL,
                CustomerStatus.DOCUMENT)).toCompletableFuture().join().id().value();
        dwolla.faults().on(Route.CREATE_CUSTOMER_DOCUMENT, Fault.status(500), 1);
        lines.list.clear();

        var metadata = Calls.passportOf(customer).toBuilder().setIdempotencyKey("idem-key-kept-out-of-spans").build();
        var created = Calls.await(Calls.send(DocumentServiceGrpc.newStub(channel)
                .withInterceptors(TestServer.bearer(TestServer.KEY)).withDeadlineAfter(20, TimeUnit.SECONDS),
                Calls.messages(metadata, TestFiles.png(), 16 * 1024)));
        assertThat(created.getId()).isNotBlank();

        // The server span ends when the server closes the call, which may be just after the client has its answer.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems()
                .stream().anyMatch(s -> s.getKind() == SpanKind.SERVER));
        List<SpanData> all = spans.getFinishedSpanItems();
        assertThat(all).as("every span is in the caller's trace").isNotEmpty()
                .allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(CALLER_TRACE));
        List<SpanData> rpcs = all.stream().filter(s -> s.getKind() == SpanKind.SERVER).toList();
        assertThat(rpcs).extracting(SpanData::getName).containsExactly("docverify.v1.DocumentService/UploadDocument");
        SpanData rpc = rpcs.get(0);
        assertThat(rpc.getParentSpanId()).as("the caller's traceparent is continued").isEqualTo(CALLER_SPAN);

        List<SpanData> attempts = all.stream().filter(s -> s.getKind() == SpanKind.CLIENT)
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos)).toList();
        assertThat(attempts).as("one client span per request to Dwolla, children of the RPC")
                .allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(rpc.getSpanId()));
        String documents = "/customers/" + customer + "/documents";
        assertThat(attempts).extracting(TracedUploadTest::describe)
                .containsExactly(
                        "POST /token 200", // the first call fetches the token
                        "POST " + documents + " 500", // the upload's first attempt
                        "GET " + documents + " 200", // the look-up in the owner's list: created after all? no
                        "POST " + documents + " 201", // the attempt that creates it
                        "GET /documents/" + created.getId() + " 200"); // the created document, read back
        assertThat(dwolla.journal().count(Route.CREATE_CUSTOMER_DOCUMENT)).isEqualTo(2);

        for (SpanData span : all) {
            span.getAttributes().forEach((key, value) -> assertThat(String.valueOf(value))
                    .as("attribute %s of %s", key, span.getName())
                    .doesNotContain("id.png").doesNotContain(TestServer.KEY).doesNotContain(DWOLLA_KEY)
                    .doesNotContain(DWOLLA_SECRET).doesNotContain("idem-key-kept-out-of-spans")
                    .doesNotContain("Bearer").doesNotContain("access_token"));
        }

        List<ILoggingEvent> callLines = lines.list.stream().filter(e -> eventOf(e).startsWith("upload.")
                || eventOf(e).startsWith("dwolla.")).toList();
        assertThat(callLines).extracting(TracedUploadTest::eventOf)
                .contains("upload.started", "dwolla.retry", "upload.created");
        assertThat(callLines).as("the call's log lines carry its trace id")
                .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry("traceId", CALLER_TRACE));
    }

    /** {@code METHOD path status} of a client span, from Vert.x's attributes (strings, by their key names). */
    private static String describe(SpanData span) {
        Map<String, String> attributes = new HashMap<>();
        span.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), String.valueOf(value)));
        return attributes.get("http.request.method") + " " + URI.create(attributes.get("url.full")).getPath() + " "
                + attributes.get("http.response.status_code");
    }

    /** The {@code event} of a log line: a key-value pair (the service) or the message's start (the adapter). */
    private static String eventOf(ILoggingEvent line) {
        if (line.getKeyValuePairs() != null) {
            for (var pair : line.getKeyValuePairs()) {
                if (pair.key.equals("event")) {
                    return String.valueOf(pair.value);
                }
            }
        }
        String message = line.getFormattedMessage();
        return message.startsWith("event=") ? message.substring("event=".length()).split(" ", 2)[0] : "";
    }
}
