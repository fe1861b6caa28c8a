package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.ports.contract.TestFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A multipart upload whose HTTP request does not end well creates nothing and holds no Idempotency-Key: a body
 * shorter than its Content-Length, a chunked body without its last chunk, a connection closed before the closing
 * boundary (even right after the file's own delimiter), or a body that ends without its closing boundary. Each
 * written by hand on a raw socket; each followed by the correct request with the same key, which creates the one
 * document.
 */
class AbortedMultipartTest {
    private static final String BOUNDARY = "aborted-boundary";

    private DwollaTestServer server;
    private TestClient client;
    private String token;
    private String customer;
    private String key;
    private byte[] file;

    @BeforeEach
    void start() {
        server = DwollaTestServer.start(DwollaServerConfig.builder()
                .backend(InMemoryConfig.DEFAULTS.withSandboxReviewDelay(Duration.ZERO)).build());
        client = new TestClient(server, true);
        token = client.login();
        customer = Seeds.customerAwaitingDocuments(server);
        key = UUID.randomUUID().toString();
        file = TestFiles.png(200_000);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    // ------------------------------------------------------------ the cases

    @Test
    void aWholeMultipartBodyShorterThanItsContentLengthThenAClosedConnectionCreatesNothing() throws Exception {
        byte[] body = multipart(file, true);

        sendAndClose(headers("Content-Length: " + (body.length + 1000)), body);

        assertNothingCreatedAndTheKeyIsFree();
    }

    @Test
    void aBodyCutMidFileShorterThanItsContentLengthCreatesNothing() throws Exception {
        byte[] body = multipart(file, true);

        sendAndClose(headers("Content-Length: " + body.length), Arrays.copyOf(body, body.length / 2));

        assertNothingCreatedAndTheKeyIsFree();
    }

    @Test
    void aChunkedBodyWithoutItsLastChunkCreatesNothingEvenWithItsClosingBoundary() throws Exception {
        byte[] body = multipart(file, true);

        sendAndClose(headers("Transfer-Encoding: chunked"), chunked(body, false));

        assertNothingCreatedAndTheKeyIsFree();
    }

    @Test
    void aConnectionClosedRightAfterTheFilesDelimiterBeforeTheClosingBoundaryCreatesNothing() throws Exception {
        byte[] whole = multipart(file, true);
        byte[] uptoDelimiter = Arrays.copyOf(whole, whole.length - "--\r\n".length()); // "...\r\n--boundary"

        sendAndClose(headers("Content-Length: " + whole.length), uptoDelimiter);

        assertNothingCreatedAndTheKeyIsFree();
    }

    @Test
    void aChunkedConnectionClosedBeforeTheClosingBoundaryCreatesNothing() throws Exception {
        byte[] whole = multipart(file, true);
        byte[] uptoDelimiter = Arrays.copyOf(whole, whole.length - "--\r\n".length());

        sendAndClose(headers("Transfer-Encoding: chunked"), chunked(uptoDelimiter, false));

        assertNothingCreatedAndTheKeyIsFree();
    }

    @Test
    void aBodyThatEndsWithoutItsClosingBoundaryIsABadRequestAndCreatesNothing() throws Exception {
        byte[] whole = multipart(file, true);
        byte[] uptoDelimiter = Arrays.copyOf(whole, whole.length - "--\r\n".length());

        String answer = sendAndRead(headers("Transfer-Encoding: chunked"), chunked(uptoDelimiter, true));

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertNothingCreatedAndTheKeyIsFree();
    }

    @Test
    void theSameBytesWithTheirEndCreateTheDocument() throws Exception {
        String answer = sendAndRead(headers("Transfer-Encoding: chunked"), chunked(multipart(file, true), true));

        assertThat(answer).startsWith("HTTP/1.1 201");
        assertThat(Seeds.customerDocuments(server, customer)).isEqualTo(1);
    }

    // ------------------------------------------------------------ the check

    /**
     * Nothing was created once the server has seen the request end without an answer, and the key is free: the
     * correct request with the same key gets 201 (a held key would be 409, one bound to the broken bytes 400), and
     * the owner then has exactly that one document.
     */
    private void assertNothingCreatedAndTheKeyIsFree() {
        Awaitility.await("the server has finished with the broken request").atMost(Duration.ofSeconds(20))
                .until(() -> server.journal().of(Route.CREATE_CUSTOMER_DOCUMENT).size() == 1);
        assertThat(Seeds.customerDocuments(server, customer)).as("documents after the broken request").isZero();

        TestClient.Answer retry = client.upload("/customers/" + customer + "/documents", "passport", "scan.png", file,
                Map.of("Idempotency-Key", key));

        assertThat(retry.status()).as("the correct request with the same key").isEqualTo(201);
        assertThat(Seeds.customerDocuments(server, customer)).isEqualTo(1);
    }

    // ------------------------------------------------------------ HTTP/1.1 by hand

    private String headers(String framing) {
        return "POST /customers/" + customer + "/documents HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Accept: " + TestClient.HAL + "\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "Idempotency-Key: " + key + "\r\n"
                + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n"
                + framing + "\r\n"
                + "\r\n";
    }

    /** {@code documentType}, then the file, then (if asked) the closing boundary. */
    private static byte[] multipart(byte[] file, boolean closing) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"documentType\"\r\n\r\n"
                + "passport\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; "
                + "filename=\"scan.png\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + BOUNDARY + (closing ? "--\r\n" : "")).getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /** The body as chunks of at most 16 KiB, with the last (empty) chunk only if asked. */
    private static byte[] chunked(byte[] body, boolean lastChunk) {
        var out = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += 16 * 1024) {
            int length = Math.min(16 * 1024, body.length - at);
            out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, at, length);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        if (lastChunk) {
            out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    private Socket connect() throws IOException {
        var socket = new Socket("127.0.0.1", URI.create(server.baseUrl()).getPort());
        socket.setSoTimeout(20_000);
        return socket;
    }

    /** Writes the request and closes the connection without reading an answer. */
    private void sendAndClose(String head, byte[] body) throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            // bytesRead counts the decoded body, without the chunks' framing
            long decoded = chunkedFraming(head) ? decodedLength(body) : body.length;
            Awaitility.await("the server has read the body").atMost(Duration.ofSeconds(20))
                    .until(() -> server.journal().inFlight().stream().anyMatch(r -> r.bodyBytes() >= decoded)
                            || !server.journal().of(Route.CREATE_CUSTOMER_DOCUMENT).isEmpty());
        }
    }

    private static boolean chunkedFraming(String head) {
        return head.contains("Transfer-Encoding: chunked");
    }

    /** The payload bytes of a chunked body that {@link #chunked} made. */
    private static long decodedLength(byte[] chunked) {
        long total = 0;
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = at;
            while (chunked[lineEnd] != '\r') {
                lineEnd++;
            }
            int length = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1), 16);
            total += length;
            at = lineEnd + 2 + length + 2;
            if (length == 0) {
                break;
            }
        }
        return total;
    }

    /** Writes the request and reads the answer's status line and headers. */
    private String sendAndRead(String head, byte[] body) throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            var answer = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0) {
                answer.append((char) b);
                if (answer.length() >= 4 && answer.substring(answer.length() - 4).equals("\r\n\r\n")) {
                    break;
                }
            }
            return answer.toString();
        }
    }
}
