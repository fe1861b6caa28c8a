package io.docverify.grpc.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.domain.Document;
import io.docverify.ports.out.ProviderEvent;
import io.docverify.ports.out.WebhookInbox;
import io.docverify.ports.out.WebhookInboxException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Oversized bodies, refused before they are read to the end, and an inbox that cannot record. */
class WebhookBoundsTest {

    /** Sends {@code head} (and {@code body}), never the rest, and reads the answer until the server closes. */
    private static String exchange(int port, String head, byte[] body) throws Exception {
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            var answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                answer.write(buffer, 0, n);
            }
            return answer.toString(StandardCharsets.US_ASCII);
        }
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413BeforeAByteOfTheBodyAndTheConnectionCloses() throws Exception {
        try (var h = new WebhookHarness()) {
            String answer = exchange(h.intake.port(), "POST " + WebhookHarness.PATH + " HTTP/1.1\r\nHost: test\r\n"
                    + "Content-Length: 100000000\r\nX-Request-Signature-SHA-256: 00\r\n\r\n", new byte[0]);

            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(h.received("too_large")).isEqualTo(1);
        }
    }

    @Test
    void aChunkedBodyPassingTheLimitIs413AtThatChunkAndTheConnectionCloses() throws Exception {
        try (var h = new WebhookHarness()) {
            int size = WebhookHarness.MAX_BYTES + 1;
            var chunk = new ByteArrayOutputStream();
            chunk.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunk.write(new byte[size]);
            chunk.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            // No last chunk: the server must answer without waiting for the end of a body it will never read.
            String answer = exchange(h.intake.port(), "POST " + WebhookHarness.PATH + " HTTP/1.1\r\nHost: test\r\n"
                    + "Transfer-Encoding: chunked\r\nX-Request-Signature-SHA-256: 00\r\n\r\n", chunk.toByteArray());

            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(h.received("too_large")).isEqualTo(1);
        }
    }

    @Test
    void aChunkedBodyWithinTheLimitIsRead() throws Exception {
        try (var h = new WebhookHarness()) {
            Document document = h.pendingDocument();
            byte[] raw = WebhookHarness.event("e-1", "customer_verification_document_uploaded", document,
                    Instant.now()).getBytes(StandardCharsets.UTF_8);
            var body = new ByteArrayOutputStream();
            for (int at = 0; at < raw.length; at += 100) {
                int n = Math.min(100, raw.length - at);
                body.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                body.write(raw, at, n);
                body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            body.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

            String answer = exchange(h.intake.port(), "POST " + WebhookHarness.PATH + " HTTP/1.1\r\nHost: test\r\n"
                    + "Connection: close\r\nTransfer-Encoding: chunked\r\nX-Request-Signature-SHA-256: "
                    + h.codec.sign(raw) + "\r\n\r\n", body.toByteArray());

            assertThat(answer).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void anInboxThatCannotRecordIs503AndNothingIsProcessed() throws Exception {
        var attempts = new AtomicInteger();
        WebhookInbox failing = new WebhookInbox() {
            @Override
            public CompletionStage<Recorded> record(ProviderEvent event) {
                attempts.incrementAndGet();
                return CompletableFuture.failedFuture(new WebhookInboxException("the store is unreachable"));
            }

            @Override
            public CompletionStage<Void> markProcessed(ProviderEvent event) {
                throw new AssertionError("nothing was recorded, so nothing is processed");
            }

            @Override
            public CompletionStage<Optional<ProviderEvent>> lastProcessed() {
                return CompletableFuture.completedFuture(Optional.empty());
            }

            @Override
            public CompletionStage<Status> status(String eventId) {
                return CompletableFuture.completedFuture(Status.UNKNOWN);
            }

            @Override
            public CompletionStage<List<ProviderEvent>> unprocessed(int limit) {
                return CompletableFuture.completedFuture(List.of());
            }
        };
        try (var h = new WebhookHarness(failing, Optional.empty())) {
            Document document = h.pendingDocument();

            assertThat(h.post(WebhookHarness.event("e-1", "customer_verification_document_uploaded", document,
                    Instant.now()), WebhookHarness.SECRET).statusCode()).isEqualTo(503);

            assertThat(attempts).hasValue(1);
            assertThat(h.received("failed")).isEqualTo(1);
            assertThat(h.applied).isEmpty();
            assertThat(h.published).isEmpty();
        }
    }
}
