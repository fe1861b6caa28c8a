package io.docverify.adapter.dwolla;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.domain.DocumentType;
import io.docverify.domain.upload.FileKind;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MultipartBodyTest {
    private static final List<Buffer> FILE = List.of(Buffer.buffer(new byte[] {(byte) 0x89, 'P', 'N', 'G'}),
            Buffer.buffer(new byte[] {'\r', '\n', 0x1a, '\n', 1, 2, 3}));

    private static MultipartBody body() {
        return new MultipartBody(DocumentType.ID_CARD, "my scan ü.png", FileKind.PNG, FILE);
    }

    /** Reads a stream to its end, as a pipe with unlimited demand would. */
    private static Buffer drain(ReadStream<Buffer> stream) {
        Buffer all = Buffer.buffer();
        var ended = new AtomicBoolean();
        stream.endHandler(v -> ended.set(true));
        stream.handler(all::appendBuffer);
        assertThat(ended).isTrue();
        return all;
    }

    @Test
    void theBodyIsMultipartFormDataWithTheTypeThenTheFileWithItsNameAndDetectedType() {
        MultipartBody body = body();
        String boundary = body.contentType().substring("multipart/form-data; boundary=".length());

        Buffer bytes = drain(body.stream(() -> { }, () -> false));

        String expectedHead = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"documentType\"\r\n\r\nidCard\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"my scan ü.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n";
        byte[] head = expectedHead.getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.getBytes(0, head.length)).isEqualTo(head);
        assertThat(bytes.getBytes(head.length, head.length + 11))
                .isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3});
        assertThat(bytes.getString(head.length + 11, bytes.length(), "US-ASCII"))
                .isEqualTo("\r\n--" + boundary + "--\r\n");
        assertThat(body.length()).isEqualTo(bytes.length());
        assertThat(boundary).startsWith("docverify-").hasSize("docverify-".length() + 32);
    }

    @Test
    void everyAttemptSendsTheIdenticalBytesAndTwoUploadsDifferInTheirBoundary() {
        MultipartBody body = body();

        Buffer first = drain(body.stream(() -> { }, () -> false));
        Buffer second = drain(body.stream(() -> { }, () -> false));

        assertThat(second).isEqualTo(first);
        assertThat(body().contentType()).isNotEqualTo(body.contentType());
    }

    @Test
    void theStreamHonoursPauseAndFetch() {
        ReadStream<Buffer> stream = body().stream(() -> { }, () -> false);
        List<Buffer> seen = new ArrayList<>();
        var ended = new AtomicBoolean();
        stream.pause();
        stream.endHandler(v -> ended.set(true));
        stream.handler(seen::add);
        assertThat(seen).isEmpty();

        stream.fetch(1);
        assertThat(seen).hasSize(1);
        stream.fetch(2);
        assertThat(seen).hasSize(3);
        assertThat(ended).isFalse();
        stream.fetch(1);
        assertThat(seen).hasSize(4); // head, two file chunks, tail
        assertThat(ended).isTrue();
    }

    @Test
    void onEndRunsOnceWhenEverythingWasHandedOver() {
        var ends = new AtomicInteger();
        ReadStream<Buffer> stream = body().stream(ends::incrementAndGet, () -> false);

        drain(stream);
        stream.resume();

        assertThat(ends).hasValue(1);
    }

    @Test
    void anAbandonedAttemptStopsSendingAndFailsItsStreamWithoutReachingTheEnd() {
        var abandoned = new AtomicBoolean();
        var ends = new AtomicInteger();
        var failure = new AtomicReference<Throwable>();
        var ended = new AtomicBoolean();
        List<Buffer> seen = new ArrayList<>();
        ReadStream<Buffer> stream = body().stream(ends::incrementAndGet, abandoned::get);
        stream.pause();
        stream.exceptionHandler(failure::set);
        stream.endHandler(v -> ended.set(true));
        stream.handler(seen::add);
        stream.fetch(1);

        abandoned.set(true);
        stream.fetch(10);

        assertThat(seen).hasSize(1);
        assertThat(failure.get()).isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(ended).isFalse();
        assertThat(ends).hasValue(0);
    }

    @Test
    void aHandlerThatAsksForMoreFromInsideIsServedWithoutRecursionLoss() {
        ReadStream<Buffer> stream = body().stream(() -> { }, () -> false);
        List<Buffer> seen = new ArrayList<>();
        var ended = new AtomicBoolean();
        stream.pause();
        stream.endHandler(v -> ended.set(true));
        stream.handler(b -> {
            seen.add(b);
            stream.pause();
            stream.fetch(1); // re-entrant: only adds demand
        });
        stream.fetch(1);

        assertThat(seen).hasSize(4);
        assertThat(ended).isTrue();
    }
}
