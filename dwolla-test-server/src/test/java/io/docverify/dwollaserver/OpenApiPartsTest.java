package io.docverify.dwollaserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.dwollaserver.DwollaOpenApiValidator.ApiRequest;
import io.docverify.dwollaserver.DwollaOpenApiValidator.ApiResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The events and webhook operations, merged into the bundled description, are checked like the documents ones. */
class OpenApiPartsTest {
    private static final DwollaOpenApiValidator VALIDATOR = DwollaOpenApiValidator.load();
    private static final String HAL = TestClient.HAL;
    private static final Map<String, List<String>> HAL_HEADERS = Map.of("Content-Type", List.of(HAL));

    @Test
    void anEventsAnswerWithATextTotalIsCaught() {
        var good = new ApiResponse("GET", "/events", 200, HAL_HEADERS,
                Optional.of("{\"_links\":{},\"_embedded\":{\"events\":[]},\"total\":0}"));
        var bad = new ApiResponse("GET", "/events", 200, HAL_HEADERS,
                Optional.of("{\"_links\":{},\"_embedded\":{\"events\":[]},\"total\":\"none\"}"));

        assertThat(VALIDATOR.validate(good)).isEmpty();
        assertThat(VALIDATOR.validate(bad)).isNotEmpty();
    }

    @Test
    void anEventsRequestWithoutABearerTokenIsCaught() {
        assertThat(VALIDATOR.validate(new ApiRequest("GET", "/events", Map.of("Accept", List.of(HAL)),
                Optional.empty()))).anySatisfy(m -> assertThat(m).contains("security"));
    }

    @Test
    void aSubscriptionsLocationMustNameASubscription() {
        var wrong = new ApiResponse("POST", "/webhook-subscriptions", 201,
                Map.of("Location", List.of("http://127.0.0.1:1/documents/x")), Optional.empty());
        var right = new ApiResponse("POST", "/webhook-subscriptions", 201,
                Map.of("Location", List.of("http://127.0.0.1:1/webhook-subscriptions/x")), Optional.empty());

        assertThat(VALIDATOR.validate(wrong)).isNotEmpty();
        assertThat(VALIDATOR.validate(right)).isEmpty();
    }

    @Test
    void aNameBothPartsDefineIsAnError() {
        String main = "openapi: 3.0.3\npaths:\n  /events: {}\n";
        String part = "paths:\n  /events: {}\n";

        assertThatThrownBy(() -> OpenApiParts.merged(main, List.of(part)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("/events");
        assertThat(OpenApiParts.merged(main, List.of("paths:\n  /other: {}\n"))).contains("/other", "/events");
    }
}
