package io.docverify.dwollaserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A raw HTTP client for the tests (java.net.http), speaking Dwolla's API without any docverify code. */
final class TestClient {
    static final String HAL = "application/vnd.dwolla.v1.hal+json";
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient shared = newHttpClient();
    private final boolean freshConnections;
    private final String baseUrl;
    private String token;

    TestClient(DwollaTestServer server) {
        this(server, false);
    }

    /**
     * With {@code freshConnections}, every request opens its own connection, so the JDK client never retries a GET
     * whose pooled connection was reset (it does that silently), and the server's request counts stay exact.
     */
    TestClient(DwollaTestServer server, boolean freshConnections) {
        this.baseUrl = server.baseUrl();
        this.freshConnections = freshConnections;
    }

    private static HttpClient newHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A response with its body as text. */
    record Answer(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        String code() {
            return json().path("code").asText();
        }
    }

    // ------------------------------------------------------------------ token

    Answer token(String key, String secret, String form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (key != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        }
        return send(request.build());
    }

    /** A token request with the credentials as form fields (as Dwolla's Node and Python SDKs send them). */
    Answer tokenByForm(String form) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    /** Gets a token with key/secret and keeps it for the next calls. */
    String login() {
        Answer answer = token("key", "secret", "grant_type=client_credentials");
        if (answer.status() != 200) {
            throw new AssertionError("token refused: " + answer);
        }
        token = answer.json().path("access_token").asText();
        return token;
    }

    void useToken(String value) {
        this.token = value;
    }

    // ------------------------------------------------------------------ documents

    Answer get(String path) {
        return send(authorized(HttpRequest.newBuilder(URI.create(baseUrl + path))).GET().build());
    }

    Answer get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    /** A multipart upload: {@code documentType} first, then {@code file}, with a Content-Length. */
    Answer upload(String path, String type, String fileName, byte[] bytes) {
        return upload(path, type, fileName, bytes, Map.of());
    }

    Answer upload(String path, String type, String fileName, byte[] bytes, Map<String, String> headers) {
        Multipart body = Multipart.of(type, fileName, bytes, false);
        return send(multipartRequest(path, body, headers).POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
                .build());
    }

    /** A multipart upload with the parts in the given order (type after the file when {@code fileFirst}). */
    Answer uploadFileFirst(String path, String type, String fileName, byte[] bytes) {
        Multipart body = Multipart.of(type, fileName, bytes, true);
        return send(multipartRequest(path, body, Map.of())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())).build());
    }

    /** A multipart upload sent chunked (no Content-Length), the file generated on the fly. */
    Answer uploadChunked(String path, String type, String fileName, InputStream file) {
        Multipart head = Multipart.head(type, fileName);
        InputStream all = new SequenceInputStream(new SequenceInputStream(
                new java.io.ByteArrayInputStream(head.prefix()), file),
                new java.io.ByteArrayInputStream(head.suffix()));
        return send(multipartRequest(path, head, Map.of())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> all)).build());
    }

    HttpRequest.Builder multipartRequest(String path, Multipart body, Map<String, String> headers) {
        HttpRequest.Builder request = authorized(HttpRequest.newBuilder(URI.create(baseUrl + path)))
                .header("Content-Type", "multipart/form-data; boundary=" + body.boundary());
        headers.forEach(request::header);
        return request;
    }

    HttpRequest.Builder authorized(HttpRequest.Builder request) {
        request.header("Accept", HAL);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http().send(request, HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) ->
                    headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
            return new Answer(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpClient http() {
        return freshConnections ? newHttpClient() : shared;
    }

    /** A multipart/form-data body with a {@code documentType} and a {@code file} part. */
    record Multipart(String boundary, byte[] prefix, byte[] file, byte[] suffix) {
        static Multipart of(String type, String fileName, byte[] file, boolean fileFirst) {
            String boundary = "----docverify" + UUID.randomUUID().toString().replace("-", "");
            String typePart = type == null ? "" : "--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"documentType\"\r\n\r\n" + type + "\r\n";
            String fileHead = "--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n";
            String end = "\r\n" + (fileFirst ? typePart : "") + "--" + boundary + "--\r\n";
            String start = (fileFirst ? "" : typePart) + fileHead;
            return new Multipart(boundary, start.getBytes(StandardCharsets.UTF_8), file,
                    end.getBytes(StandardCharsets.UTF_8));
        }

        static Multipart head(String type, String fileName) {
            return of(type, fileName, new byte[0], false);
        }

        byte[] bytes() {
            var out = new ByteArrayOutputStream(prefix.length + file.length + suffix.length);
            out.writeBytes(prefix);
            out.writeBytes(file);
            out.writeBytes(suffix);
            return out.toByteArray();
        }
    }
}
