package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.dwollaserver.DwollaOpenApiValidator.ApiRequest;
import io.docverify.dwollaserver.DwollaOpenApiValidator.ApiResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The validator catches what breaks Dwolla's description, and the fixed copy accepts what Dwolla really sends. */
class DwollaOpenApiValidatorTest {
    private static final DwollaOpenApiValidator VALIDATOR = DwollaOpenApiValidator.load();
    private static final String HAL = "application/vnd.dwolla.v1.hal+json";
    private static final Map<String, List<String>> HAL_HEADERS = Map.of("Content-Type", List.of(HAL));
    private static final String DOCUMENT = """
            {"_links":{"self":{"href":"https://api-sandbox.dwolla.com/documents/56502f7a-fa59-4a2f-8579-0f8bc9d7b9cc"}},
             "id":"56502f7a-fa59-4a2f-8579-0f8bc9d7b9cc","status":"pending","type":"passport",
             "created":"2015-09-29T21:42:16.000Z","documentVerificationStatus":"pending"}""";

    private static ApiResponse documentAnswer(String body) {
        return new ApiResponse("GET", "/documents/56502f7a", 200, HAL_HEADERS, Optional.of(body));
    }

    @Test
    void dwollasOwnExampleDocumentConforms() {
        assertThat(VALIDATOR.validate(documentAnswer(DOCUMENT))).isEmpty();
    }

    @Test
    void aDocumentWithAnUnknownStatusIsCaught() {
        assertThat(VALIDATOR.validate(documentAnswer(DOCUMENT.replace("\"status\":\"pending\"",
                "\"status\":\"approved\"")))).isNotEmpty().anySatisfy(m -> assertThat(m).contains("approved"));
    }

    @Test
    void aDocumentWithoutItsVerificationStatusIsCaught() {
        assertThat(VALIDATOR.validate(documentAnswer(DOCUMENT.replace(",\"documentVerificationStatus\":\"pending\"",
                "")))).isNotEmpty().anySatisfy(m -> assertThat(m).contains("documentVerificationStatus"));
    }

    @Test
    void anUndocumentedStatusIsCaught() {
        assertThat(VALIDATOR.validate(new ApiResponse("GET", "/documents/x", 418, HAL_HEADERS,
                Optional.of("{\"code\":\"Teapot\",\"message\":\"no\"}")))).isNotEmpty();
    }

    @Test
    void aCreatedAnswerNeedsALocationEndingInTheDocumentId() {
        String path = "/customers/c1/documents";
        var good = new ApiResponse("POST", path, 201,
                Map.of("Location", List.of("http://127.0.0.1:8080/documents/abc")), Optional.empty());
        var missing = new ApiResponse("POST", path, 201, Map.of(), Optional.empty());
        var mockish = new ApiResponse("POST", path, 201, Map.of("Location", List.of("string")), Optional.empty());

        assertThat(VALIDATOR.validate(good)).isEmpty();
        assertThat(VALIDATOR.validate(missing)).isNotEmpty();
        assertThat(VALIDATOR.validate(mockish)).isNotEmpty();
    }

    @Test
    void everyCreateErrorShapeConformsThanksToAnyOf() {
        for (String body : List.of("{\"code\":\"invalidFileType\",\"message\":\"File types supported: ...\"}",
                "{\"code\":\"DuplicateResource\",\"message\":\"Document already exists.\",\"_links\":{\"about\":"
                        + "{\"href\":\"https://api.dwolla.com/documents/x\"}}}",
                "{\"code\":\"ValidationError\",\"message\":\"Validation error(s) present.\",\"_embedded\":{\"errors\":"
                        + "[{\"code\":\"Invalid\",\"message\":\"Invalid file type\",\"path\":\"/file\"}]}}")) {
            assertThat(VALIDATOR.validate(new ApiResponse("POST", "/beneficial-owners/b/documents", 400,
                    HAL_HEADERS, Optional.of(body)))).as(body).isEmpty();
        }
    }

    @Test
    void tokenRequestWithBasicAuthConformsAndOneWithoutIsCaught() {
        var form = Map.of("Content-Type", List.of("application/x-www-form-urlencoded"));
        var withBasic = new java.util.HashMap<>(form);
        withBasic.put("Authorization", List.of("Basic a2V5OnNlY3JldA=="));

        assertThat(VALIDATOR.validate(new ApiRequest("POST", "/token", withBasic,
                Optional.of("grant_type=client_credentials")))).isEmpty();
        assertThat(VALIDATOR.validate(new ApiRequest("POST", "/token", form,
                Optional.of("grant_type=client_credentials")))).isNotEmpty();
        assertThat(VALIDATOR.validate(new ApiRequest("POST", "/token", withBasic,
                Optional.of("grant_type=password")))).isNotEmpty();
    }

    @Test
    void documentRequestsNeedDwollasAcceptHeader() {
        var good = Map.of("Accept", List.of(HAL), "Authorization", List.of("Bearer t"));
        var bad = Map.of("Accept", List.of("application/json"), "Authorization", List.of("Bearer t"));

        assertThat(VALIDATOR.validate(new ApiRequest("GET", "/documents/x", good, Optional.empty()))).isEmpty();
        assertThat(VALIDATOR.validate(new ApiRequest("GET", "/documents/x", bad, Optional.empty()))).isNotEmpty();
    }

    @Test
    void aStreamedMultipartUploadIsCheckedWithoutItsBody() {
        var headers = Map.of("Accept", List.of(HAL), "Authorization", List.of("Bearer t"),
                "Content-Type", List.of("multipart/form-data; boundary=xyz"), "Idempotency-Key", List.of("k"));

        assertThat(VALIDATOR.validate(new ApiRequest("POST", "/customers/c/documents", headers, Optional.empty())))
                .isEmpty();
        assertThat(VALIDATOR.validate(new ApiRequest("POST", "/customers/c/documents",
                Map.of("Accept", List.of(HAL), "Content-Type", List.of("application/json")),
                Optional.of("{}")))).isNotEmpty();
    }

    @Test
    void aDocumentsRequestWithoutABearerTokenIsCaught() {
        assertThat(VALIDATOR.validate(new ApiRequest("GET", "/documents/x", Map.of("Accept", List.of(HAL)),
                Optional.empty()))).isNotEmpty().anySatisfy(m -> assertThat(m).contains("security"));
    }

    @Test
    void anUnknownPathIsCaught() {
        assertThat(VALIDATOR.validate(new ApiRequest("GET", "/transfers/x", Map.of("Accept", List.of(HAL)),
                Optional.empty()))).isNotEmpty();
    }

    @Test
    void withoutTheAddedBasicAuthSchemeATokenRequestWithoutCredentialsWouldGoUnnoticed() {
        String original = DwollaOpenApiValidator.specification()
                .replace("    basicAuth:\n      type: http\n      scheme: basic\n", "");
        assertThat(original).isNotEqualTo(DwollaOpenApiValidator.specification());
        var noCredentials = new ApiRequest("POST", "/token",
                Map.of("Content-Type", List.of("application/x-www-form-urlencoded")),
                Optional.of("grant_type=client_credentials"));

        // This library skips an undefined scheme (others, e.g. Prism, refuse every token request instead).
        assertThat(DwollaOpenApiValidator.forSpecification(original).validate(noCredentials)).isEmpty();
        assertThat(VALIDATOR.validate(noCredentials)).isNotEmpty()
                .anySatisfy(m -> assertThat(m).contains("security"));
    }
}
