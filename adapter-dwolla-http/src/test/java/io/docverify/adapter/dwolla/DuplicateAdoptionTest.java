package io.docverify.adapter.dwolla;

import static io.docverify.adapter.dwolla.FaultMatrixTest.await;
import static io.docverify.adapter.dwolla.FaultMatrixTest.refusal;
import static io.docverify.adapter.dwolla.ScriptedDwolla.document;
import static io.docverify.adapter.dwolla.ScriptedDwolla.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.domain.CustomerId;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.out.DocumentSubmission;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Dwolla that does not honour the Idempotency-Key on uploads (which Dwolla does not confirm it does) but refuses
 * the same bytes again with DuplicateResource: after a lost answer, the linked document is the upload's own.
 * Scripted, because the Dwolla-compatible test server always honours keys.
 */
class DuplicateAdoptionTest {
    private static final String CREATE = "POST /customers/c-1/documents";
    private static final String LIST = "GET /customers/c-1/documents";
    private static final String DUPLICATE = """
            {"code":"ValidationError","message":"Validation error(s) present. See embedded errors list for more details.",
             "_embedded":{"errors":[{"code":"Duplicate","message":"Document already exists.","path":"/file",
               "_links":{"about":{"href":"%s/documents/d-2"}}}]}}""";

    private ScriptedDwolla dwolla;
    private SimpleMeterRegistry registry;
    private DwollaDocumentProvider provider;

    @BeforeEach
    void start() throws Exception {
        dwolla = new ScriptedDwolla();
        registry = new SimpleMeterRegistry();
        provider = DwollaDocumentProvider.create(Harness.fast(dwolla.baseUrl()).key("k").secret("s").build(),
                registry);
        // Two passports created just now: the owner's list cannot tell which one is the upload's.
        String now = Instant.now().toString();
        dwolla.on(LIST, (request, body, call) -> json(request, 200, "{\"_embedded\":{\"documents\":["
                + document("d-1", "passport", now) + "," + document("d-2", "passport", now) + "]},\"total\":2}"));
    }

    @AfterEach
    void stop() throws Exception {
        provider.close();
        dwolla.close();
    }

    @Test
    void afterALostAnswerADuplicateResourceLinkingANewDocumentIsTheUploadsOwnDocument() {
        dwolla.on(CREATE, (request, body, call) -> {
            if (call == 1) {
                ScriptedDwolla.lose(request);
            } else {
                json(request, 400, DUPLICATE.formatted(dwolla.baseUrl()));
            }
        });
        dwolla.on("GET /documents/d-2", (request, body, call) ->
                json(request, 200, document("d-2", "passport", Instant.now().toString())));

        Document created = await(provider.create(passport()));

        assertThat(created.id()).isEqualTo(new DocumentId("d-2"));
        assertThat(created.owner()).contains(new CustomerId("c-1"));
        assertThat(dwolla.calls(CREATE)).isEqualTo(2);
        assertThat(dwolla.calls(LIST)).isEqualTo(1); // looked first; two candidates: sent again
        assertThat(dwolla.idempotencyKeys).hasSize(2).containsOnly(dwolla.idempotencyKeys.get(0));
        assertThat(registry.counter(DwollaMetrics.RECOVERIES, "via", "duplicate").count()).isEqualTo(1.0);
    }

    @Test
    void aDuplicateOfAnOlderUploadIsReportedAsDuplicateResource() {
        dwolla.on(CREATE, (request, body, call) -> {
            if (call == 1) {
                ScriptedDwolla.lose(request);
            } else {
                json(request, 400, DUPLICATE.formatted(dwolla.baseUrl()));
            }
        });
        dwolla.on("GET /documents/d-2", (request, body, call) ->
                json(request, 200, document("d-2", "passport", "2020-01-01T00:00:00Z")));

        DocumentException refusal = refusal(provider.create(passport()));

        assertThat(refusal.code()).isEqualTo(ErrorCode.DUPLICATE_RESOURCE);
        assertThat(refusal.error().existingDocument()).contains(new DocumentId("d-2"));
    }

    @Test
    void aDuplicateOnTheFirstAttemptIsReportedWithoutLookingAnythingUp() {
        dwolla.on(CREATE, (request, body, call) -> json(request, 400, DUPLICATE.formatted(dwolla.baseUrl())));

        DocumentException refusal = refusal(provider.create(passport()));

        assertThat(refusal.code()).isEqualTo(ErrorCode.DUPLICATE_RESOURCE);
        assertThat(refusal.error().existingDocument()).contains(new DocumentId("d-2"));
        assertThat(dwolla.calls(CREATE)).isEqualTo(1);
        assertThat(dwolla.calls(LIST)).isZero();
        assertThat(dwolla.calls("GET /documents/d-2")).isZero();
    }

    @Test
    void anEmptyBodied401RenewsTheTokenAndReplaysOnce() {
        dwolla.on("GET /documents/d-9", (request, body, call) -> {
            if (call == 1) {
                request.response().setStatusCode(401).end();
            } else {
                json(request, 200, document("d-9", "license", Instant.now().toString()));
            }
        });

        assertThat(await(provider.get(new DocumentId("d-9"))).type()).isEqualTo(DocumentType.LICENSE);
        assertThat(dwolla.calls("POST /token")).isEqualTo(2);
        assertThat(dwolla.calls("GET /documents/d-9")).isEqualTo(2);
    }

    @Test
    void anAnswerLargerThanOneMibIsAProtocolErrorNotABuffer() {
        String padding = "x".repeat(DwollaHttp.MAX_RESPONSE_BYTES);
        dwolla.on("GET /documents/d-8", (request, body, call) -> json(request, 200,
                "{\"id\":\"d-8\",\"status\":\"pending\",\"type\":\"passport\",\"created\":\"2020-01-01T00:00:00Z\","
                        + "\"padding\":\"" + padding + "\"}"));

        assertThat(refusal(provider.get(new DocumentId("d-8"))).code()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
        assertThat(dwolla.calls("GET /documents/d-8")).isEqualTo(1);
    }

    private static DocumentSubmission passport() {
        return DocumentSubmission.of(new CustomerId("c-1"), DocumentType.PASSPORT,
                TestFiles.upload("passport.png", TestFiles.png()));
    }
}
