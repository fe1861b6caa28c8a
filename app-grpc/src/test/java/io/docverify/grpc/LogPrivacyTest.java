package io.docverify.grpc;

import static io.docverify.grpc.Calls.errorOf;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.docverify.grpc.v1.CreateCustomerRequest;
import io.docverify.grpc.v1.CustomerStatus;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.FailureReason;
import io.docverify.grpc.v1.GetDocumentRequest;
import io.docverify.grpc.v1.ReviewDecision;
import io.docverify.grpc.v1.ReviewDocumentRequest;
import io.docverify.grpc.v1.UploadMetadata;
import io.docverify.ports.contract.TestFiles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The service's logs are structured and hold no personal data: no names, no file bytes, no keys. */
class LogPrivacyTest {
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Logger docverify;

    @BeforeEach
    void capture() {
        docverify = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("io.docverify");
        docverify.setLevel(Level.INFO);
        docverify.setAdditive(false);
        captured.start();
        docverify.addAppender(captured);
    }

    @AfterEach
    void release() {
        docverify.detachAppender(captured);
        docverify.setLevel(null);
        docverify.setAdditive(true);
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

        List<String> lines = captured.list.stream().map(LogPrivacyTest::render).toList();
        String all = String.join("\n", lines);
        assertThat(all).contains("event=upload.created", "documentId=", "event=upload.refused",
                "code=DuplicateResource", "event=server.started");
        assertThat(all).doesNotContain("Josephine", "Privatesurname", "Secret Bakery", "josephine-passport",
                "PERSONAL-FILE-CONTENT", "idem-key-secret-value", TestServer.KEY, "wrong-key-but-still-secret");
    }

    private static String render(ILoggingEvent event) {
        String pairs = event.getKeyValuePairs() == null ? "" : event.getKeyValuePairs().stream()
                .map(p -> p.key + "=" + p.value).collect(Collectors.joining(" "));
        String error = event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage();
        return event.getFormattedMessage() + " " + pairs + " " + error;
    }
}
