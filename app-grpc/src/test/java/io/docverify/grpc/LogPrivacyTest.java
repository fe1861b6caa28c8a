package io.docverify.grpc;

import static io.docverify.grpc.Calls.errorOf;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.docverify.grpc.logs.CapturedLogs;
import io.docverify.grpc.v1.DocumentProto.FailureReason;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadMetadata;
import io.docverify.grpc.v1.SandboxServiceProto.CreateCustomerRequest;
import io.docverify.grpc.v1.SandboxServiceProto.CustomerStatus;
import io.docverify.grpc.v1.SandboxServiceProto.ReviewDecision;
import io.docverify.grpc.v1.SandboxServiceProto.ReviewDocumentRequest;
import io.docverify.ports.contract.TestFiles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service's logs are structured and hold no personal data: no names, no file bytes, no keys. */
class LogPrivacyTest {
    /** Keys of the scoped session; the log scan looks for them. */
    static final String WEB_FRONT_KEY = "web-front-key-Gx71Nd2Pe5";
    static final String REVIEWER_KEY = "reviewer-log-key-Hs36Kq8Vu4";
    private CapturedLogs logs;

    @BeforeEach
    void capture() {
        logs = CapturedLogs.atInfo();
    }

    @AfterEach
    void release() {
        logs.close();
    }

    @Test
    void aWholeSessionLogsIdsAndCodesButNoNamesBytesOrKeys() throws Exception {
        byte[] file = TestFiles.png(4096);
        byte[] marker = "PERSONAL-FILE-CONTENT".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(marker, 0, file, 100, marker.length);
        try (TestServer server = TestServer.start(TestServer.Kind.SOCKET)) {
            String customer = server.sandbox().createCustomer(CreateCustomerRequest.newBuilder()
                    .setFirstName("Josephine").setLastName("Privatesurname").setBusinessName("Secret Bakery LLC")
                    .setStatus(CustomerStatus.CUSTOMER_STATUS_DOCUMENT).build()).getCustomer().getId();
            UploadMetadata metadata = Calls.passportOf(customer).toBuilder().setFileName("josephine-passport.png")
                    .setIdempotencyKey("idem-key-secret-value").build();
            var document = Calls.upload(server, metadata, file);
            errorOf(() -> Calls.upload(server, metadata.toBuilder().setIdempotencyKey("").build(), file));
            var watch = WatchRecorder.watch(server.documentsAsync(), document.getId());
            watch.next();
            server.sandbox().reviewDocument(ReviewDocumentRequest.newBuilder().setDocumentId(document.getId())
                    .setDecision(ReviewDecision.REVIEW_DECISION_REJECT)
                    .addFailureReasons(FailureReason.newBuilder().setReason("ScanNameMismatch")).build());
            watch.awaitEnd();
            errorOf(() -> DocumentServiceGrpc.newBlockingStub(server.channel())
                    .withInterceptors(TestServer.bearer("wrong-key-but-still-secret"))
                    .getDocument(GetDocumentRequest.newBuilder().setDocumentId(document.getId()).build()));
        }

        List<String> lines = logs.events().stream().map(LogPrivacyTest::render).toList();
        String all = String.join("\n", lines);
        assertThat(all).contains("event=upload.created", "documentId=", "event=upload.refused",
                "code=DuplicateResource", "event=server.started", "caller=key-1");
        assertThat(all).doesNotContain("Josephine", "Privatesurname", "Secret Bakery", "josephine-passport",
                "PERSONAL-FILE-CONTENT", "idem-key-secret-value", TestServer.KEY, "wrong-key-but-still-secret");
    }

    @Test
    void callsLogTheNameOfTheirKeyNeverTheKey() throws Exception {
        var settings = TestServer.settings();
        settings.remove("DOCVERIFY_API_KEYS");
        settings.put("DOCVERIFY_SCOPED_API_KEYS", "web-front:upload+read:" + WEB_FRONT_KEY
                + ",reviewer:read+sandbox:" + REVIEWER_KEY);
        try (TestServer server = TestServer.start(TestServer.Kind.SOCKET, settings)) {
            String customer = server.sandbox(REVIEWER_KEY).createCustomer(CreateCustomerRequest.newBuilder()
                    .setStatus(CustomerStatus.CUSTOMER_STATUS_DOCUMENT).build()).getCustomer().getId();
            var messages = Calls.messages(Calls.passportOf(customer), TestFiles.png(), 16 * 1024);
            var document = Calls.await(Calls.send(server.documentsAsync(WEB_FRONT_KEY), messages));
            errorOf(() -> Calls.await(Calls.send(server.documentsAsync(WEB_FRONT_KEY), messages)));
            errorOf(() -> server.sandbox(WEB_FRONT_KEY).reviewDocument(ReviewDocumentRequest.newBuilder()
                    .setDocumentId(document.getId()).setDecision(ReviewDecision.REVIEW_DECISION_ACCEPT).build()));
            errorOf(() -> server.documents(REVIEWER_KEY).getDocument(GetDocumentRequest.newBuilder()
                    .setDocumentId("no-such-document").build()));
            var watch = WatchRecorder.watch(server.documentsAsync(REVIEWER_KEY), "no-such-document");
            watch.awaitEnd();
        }

        List<String> lines = logs.events().stream().map(LogPrivacyTest::render).toList();
        assertThat(withEvent(lines, "event=upload.started")).hasSize(2)
                .allSatisfy(l -> assertThat(l).contains("caller=web-front"));
        assertThat(line(lines, "event=upload.created")).contains("caller=web-front");
        assertThat(line(lines, "event=upload.refused")).contains("caller=web-front", "code=DuplicateResource");
        assertThat(line(lines, "event=call.denied")).contains("caller=web-front", "requiredScope=sandbox",
                "method=docverify.v1.SandboxService/ReviewDocument");
        assertThat(line(lines, "event=get.refused")).contains("caller=reviewer", "code=notFound");
        assertThat(line(lines, "event=watch.refused")).contains("caller=reviewer", "code=notFound");
        assertThat(logs.events()).filteredOn(e -> render(e).contains("event=call.denied"))
                .allSatisfy(e -> assertThat(e.getThrowableProxy()).as("no stack trace").isNull());
        assertThat(String.join("\n", lines)).doesNotContain(WEB_FRONT_KEY, REVIEWER_KEY);
    }

    /** The lines with {@code event}. */
    private static List<String> withEvent(List<String> lines, String event) {
        return lines.stream().filter(l -> l.contains(event + " ")).toList();
    }

    /** The one line with {@code event}. */
    private static String line(List<String> lines, String event) {
        List<String> found = withEvent(lines, event);
        assertThat(found).as("one line with %s in%n%s", event, String.join("\n", lines)).hasSize(1);
        return found.get(0);
    }

    private static String render(ILoggingEvent event) {
        String pairs = event.getKeyValuePairs() == null ? "" : event.getKeyValuePairs().stream()
                .map(p -> p.key + "=" + p.value).collect(Collectors.joining(" "));
        String error = event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage();
        return event.getFormattedMessage() + " " + pairs + " " + error;
    }
}
