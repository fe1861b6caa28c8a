package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartParserTest {
    /** Records what the parser reports. */
    static final class Events implements MultipartParser.Listener {
        final List<String> events = new ArrayList<>();
        final ByteArrayOutputStream file = new ByteArrayOutputStream();
        int largestChunk;

        @Override
        public void field(String name, String value) {
            events.add("field " + name + "=" + value);
        }

        @Override
        public void fileStarted(String name, String fileName) {
            events.add("file " + name + " " + fileName);
        }

        @Override
        public void fileData(java.nio.ByteBuffer data) {
            assertThat(data.isReadOnly()).isTrue();
            largestChunk = Math.max(largestChunk, data.remaining());
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            file.writeBytes(bytes);
        }

        @Override
        public void fileEnded() {
            events.add("file ended");
        }

        @Override
        public void completed() {
            events.add("completed");
        }

        @Override
        public void malformed(String reason) {
            events.add("malformed");
        }
    }

    private static byte[] body(String boundary, byte[] file, boolean typeFirst) {
        var out = new ByteArrayOutputStream();
        String type = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"documentType\"\r\n\r\npassport\r\n";
        if (typeFirst) {
            out.writeBytes(type.getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a b.png\""
                + "\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        if (!typeFirst) {
            out.writeBytes(type.getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static Events parse(String contentType, byte[] body, int... splits) {
        var events = new Events();
        MultipartParser parser = MultipartParser.forContentType(contentType, events).orElseThrow();
        int from = 0;
        for (int split : splits) {
            parser.feed(java.util.Arrays.copyOfRange(body, from, split));
            from = split;
        }
        parser.feed(java.util.Arrays.copyOfRange(body, from, body.length));
        parser.end();
        return events;
    }

    @Test
    void fieldsAndFileArriveInOrderWithTheExactBytes() {
        // near misses of the delimiter "\r\n--bound" inside the file, one at its very end
        byte[] file = "\r\n--boun\r\n\r\n-\r\n--bo".getBytes(StandardCharsets.UTF_8);

        Events events = parse("multipart/form-data; boundary=bound", body("bound", file, true));

        assertThat(events.events).containsExactly("field documentType=passport", "file file a b.png", "file ended",
                "completed");
        assertThat(events.file.toByteArray()).isEqualTo(file);
    }

    @Test
    void everySplitPointGivesTheSameResult() {
        byte[] file = new byte[300];
        new Random(7).nextBytes(file);
        byte[] body = body("XyZ", file, true);

        for (int split = 0; split <= body.length; split++) {
            for (int second = split; second <= body.length; second += 17) {
                Events events = parse("multipart/form-data; boundary=XyZ", body, split, second);
                assertThat(events.events).as("split at %d and %d", split, second).containsExactly(
                        "field documentType=passport", "file file a b.png", "file ended", "completed");
                assertThat(events.file.toByteArray()).as("split at %d and %d", split, second).isEqualTo(file);
            }
        }
    }

    @Test
    void fieldAfterTheFileIsReportedAfterIt() {
        Events events = parse("multipart/form-data; boundary=\"b\"", body("b", new byte[] {1, 2, 3}, false));

        assertThat(events.events).containsExactly("file file a b.png", "file ended", "field documentType=passport",
                "completed");
    }

    @Test
    void fileDataIsHandedOnWithoutWaitingForTheEnd() {
        byte[] file = new byte[1_000_000];
        byte[] body = body("b", file, true);
        var events = new Events();
        MultipartParser parser = MultipartParser.forContentType("multipart/form-data; boundary=b", events).orElseThrow();

        for (int at = 0; at < body.length - 500_000; at += 8192) {
            parser.feed(java.util.Arrays.copyOfRange(body, at, Math.min(at + 8192, body.length)));
        }

        assertThat(events.file.size()).isGreaterThan(400_000);
        assertThat(events.largestChunk).isLessThanOrEqualTo(8192 + 16);
    }

    @Test
    void aBodyWithoutItsClosingDelimiterIsMalformed() {
        byte[] body = body("b", new byte[] {1, 2, 3}, true);

        Events events = parse("multipart/form-data; boundary=b", java.util.Arrays.copyOf(body, body.length - 8));

        assertThat(events.events).endsWith("malformed");
    }

    @Test
    void aPartWithoutContentDispositionIsMalformed() {
        byte[] body = "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--\r\n".getBytes(StandardCharsets.UTF_8);

        assertThat(parse("multipart/form-data; boundary=b", body).events).containsExactly("malformed");
    }

    @Test
    void oversizedHeadersOrFieldsAreMalformedNotBuffered() {
        String longHeader = "--b\r\nX-Long: " + "a".repeat(MultipartParser.MAX_HEADER_BYTES + 10);
        String longField = "--b\r\nContent-Disposition: form-data; name=\"documentType\"\r\n\r\n"
                + "a".repeat(MultipartParser.MAX_FIELD_BYTES + 10);

        assertThat(parse("multipart/form-data; boundary=b", longHeader.getBytes(StandardCharsets.UTF_8)).events)
                .containsExactly("malformed");
        assertThat(parse("multipart/form-data; boundary=b", longField.getBytes(StandardCharsets.UTF_8)).events)
                .containsExactly("malformed");
    }

    @Test
    void noBoundaryNoParser() {
        assertThat(MultipartParser.forContentType("multipart/form-data", new Events())).isEmpty();
        assertThat(MultipartParser.forContentType(null, new Events())).isEmpty();
    }

    @Test
    void dispositionParametersHandleQuotesEscapesAndFilenameBeforeName() {
        assertThat(MultipartParser.parameters("form-data; filename=\"x;\\\"y.png\"; name=file"))
                .containsEntry("filename", "x;\"y.png").containsEntry("name", "file");
    }
}
