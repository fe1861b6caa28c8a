package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.ports.contract.TestFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code Expect: 100-continue} (curl sends it for large uploads): continue when the body is wanted, else refuse. */
class ExpectContinueTest {
    private DwollaTestServer server;
    private String token;
    private String customer;

    @BeforeEach
    void start() {
        server = DwollaTestServer.start(DwollaServerConfig.builder().build());
        token = new TestClient(server).login();
        customer = Seeds.customerAwaitingDocuments(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String readHead(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private Socket open() throws IOException {
        var socket = new Socket("127.0.0.1", URI.create(server.baseUrl()).getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private String requestHead(String bearer, int contentLength) {
        return "POST /customers/" + customer + "/documents HTTP/1.1\r\nHost: x\r\nAccept: " + TestClient.HAL
                + "\r\nAuthorization: Bearer " + bearer + "\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                + "Content-Length: " + contentLength + "\r\nExpect: 100-continue\r\n\r\n";
    }

    @Test
    void anAcceptableUploadGets100ContinueThenIts201() throws Exception {
        var body = new ByteArrayOutputStream();
        body.writeBytes(("--b\r\nContent-Disposition: form-data; name=\"documentType\"\r\n\r\npassport\r\n--b\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"p.png\"\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        body.writeBytes(TestFiles.png());
        body.writeBytes("\r\n--b--\r\n".getBytes(StandardCharsets.ISO_8859_1));
        try (Socket socket = open()) {
            socket.getOutputStream().write(requestHead(token, body.size()).getBytes(StandardCharsets.ISO_8859_1));

            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 100 Continue");
            socket.getOutputStream().write(body.toByteArray());
            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 201 Created");
        }
        assertThat(Seeds.customerDocuments(server, customer)).isEqualTo(1);
    }

    @Test
    void aRefusedUploadIsAnsweredWithoutAskingForItsBody() throws Exception {
        try (Socket socket = open()) {
            socket.getOutputStream().write(requestHead("wrong", 5_000_000).getBytes(StandardCharsets.ISO_8859_1));

            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 401 Unauthorized");
        }
        assertThat(server.journal().of(Route.CREATE_CUSTOMER_DOCUMENT)).singleElement()
                .satisfies(r -> assertThat(r.bodyBytes()).isZero());
    }
}
