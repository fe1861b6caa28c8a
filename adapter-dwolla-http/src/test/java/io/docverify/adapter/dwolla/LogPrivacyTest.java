package io.docverify.adapter.dwolla;

import static io.docverify.adapter.dwolla.FaultMatrixTest.await;
import static io.docverify.adapter.dwolla.ScriptedDwolla.document;
import static io.docverify.adapter.dwolla.ScriptedDwolla.json;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.docverify.domain.CustomerId;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentType;
import io.docverify.domain.IdempotencyKey;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.out.DocumentSubmission;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A whole troubled session (token renewal, 5xx retries, a lost upload recovered) logged at DEBUG, everything
 * included Vert.x's and Resilience4j's own lines: no secret, key, token, idempotency key or file byte appears.
 */
class LogPrivacyTest {
    private static final String KEY = "log-privacy-key-4711";
    private static final String SECRET = "log-privacy-secret-0815";

    @Test
    void noCredentialTokenKeyOrFileByteIsEverLogged() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.DEBUG);
        byte[] file = TestFiles.png(4096);
        var key = new IdempotencyKey("log-privacy-idempotency-key");
        try (var dwolla = new ScriptedDwolla()) {
            String now = Instant.now().toString();
            dwolla.on("POST /customers/c-1/documents", (request, body, call) -> {
                if (call == 1) {
                    ScriptedDwolla.lose(request);
                }
            });
            dwolla.on("GET /customers/c-1/documents", (request, body, call) -> {
                if (call == 1) {
                    json(request, 503, "{\"code\":\"ServiceUnavailable\",\"message\":\"try later\"}");
                } else {
                    json(request, 200, "{\"_embedded\":{\"documents\":[" + document("d-1", "passport", now)
                            + "]},\"total\":1}");
                }
            });
            dwolla.on("GET /documents/d-1", (request, body, call) -> {
                if (call == 1) {
                    request.response().setStatusCode(401).end();
                } else {
                    json(request, 200, document("d-1", "passport", now));
                }
            });
            try (var provider = DwollaDocumentProvider.create(Harness.fast(dwolla.baseUrl()).key(KEY).secret(SECRET)
                    .build(), new SimpleMeterRegistry())) {
                Document created = await(provider.create(DocumentSubmission.of(new CustomerId("c-1"),
                        DocumentType.PASSPORT, TestFiles.upload("passport.png", file)).withIdempotencyKey(key)));
                assertThat(created.id().value()).isEqualTo("d-1");
                assertThat(await(provider.get(created.id())).id()).isEqualTo(created.id());
            }
        } finally {
            root.detachAppender(appender);
            root.setLevel(before);
        }

        List<String> lines = appender.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList();
        // The session did log what an operator needs: the retry and the recovery, with ids and codes.
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("event=dwolla.retry").contains("ServiceUnavailable"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("event=dwolla.upload.recovered").contains("d-1"));
        String fileHead = new String(file, 8, 32, StandardCharsets.ISO_8859_1);
        String fileHex = HexFormat.of().formatHex(file, 8, 24);
        assertThat(lines).allSatisfy(l -> assertThat(l)
                .doesNotContain(SECRET).doesNotContain(KEY).doesNotContain("scripted-token")
                .doesNotContain(key.value()).doesNotContain(fileHead).doesNotContain(fileHex)
                .doesNotContainIgnoringCase("authorization"));
    }
}
