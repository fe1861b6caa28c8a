package io.docverify.dwollaserver;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks HTTP requests and responses against Dwolla's official OpenAPI description of the documents operations
 * (a reduced copy with the known defects fixed; see the comment at the top of {@link #SPEC_RESOURCE}; the events
 * and webhook operations are in a second file merged in at load, {@code dwolla-events-openapi.yml}), using
 * Atlassian's swagger-request-validator. Thread-safe; loading the description takes a moment, so share an
 * instance.
 *
 * <p>A multipart body is not checked part by part (the library does not support multipart bodies): pass the body or
 * not, the request line and headers are checked either way. Requests and responses are given as plain values
 * ({@link ApiRequest}, {@link ApiResponse}); every method returns the error messages, empty when it conforms.
 */
public final class DwollaOpenApiValidator {
    /** The classpath resource of the reduced, fixed description. */
    public static final String SPEC_RESOURCE = "/io/docverify/dwollaserver/dwolla-documents-openapi.yml";

    private final OpenApiInteractionValidator validator;

    private DwollaOpenApiValidator(OpenApiInteractionValidator validator) {
        this.validator = validator;
    }

    private static volatile DwollaOpenApiValidator bundled;

    /** The validator for the bundled description; loaded once per class loader and shared (it is thread-safe). */
    public static DwollaOpenApiValidator load() {
        DwollaOpenApiValidator instance = bundled;
        if (instance == null) {
            synchronized (DwollaOpenApiValidator.class) {
                instance = bundled;
                if (instance == null) {
                    instance = forSpecification(OpenApiParts.merged(readResource(SPEC_RESOURCE),
                            OpenApiParts.PARTS.stream().map(DwollaOpenApiValidator::readResource).toList()));
                    bundled = instance;
                }
            }
        }
        return instance;
    }

    /** A validator for another description (YAML or JSON text), e.g. a deliberately broken one in a test. */
    public static DwollaOpenApiValidator forSpecification(String specification) {
        Objects.requireNonNull(specification, "specification");
        return new DwollaOpenApiValidator(
                OpenApiInteractionValidator.createForInlineApiSpecification(specification).build());
    }

    /** The bundled description's text. */
    public static String specification() {
        return readResource(SPEC_RESOURCE);
    }

    /**
     * A request as it went over the wire.
     *
     * @param method  the HTTP method
     * @param path    the path, optionally with a query ({@code /documents/1?x=y})
     * @param headers the headers (names in any case)
     * @param body    the body, if any; for a multipart upload it may be left out
     */
    public record ApiRequest(String method, String path, Map<String, List<String>> headers, Optional<String> body) {
        public ApiRequest {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * A response, with the request line it answered.
     *
     * @param method  the request's HTTP method
     * @param path    the request's path (a query is ignored)
     * @param status  the status
     * @param headers the headers (names in any case)
     * @param body    the body, if any
     */
    public record ApiResponse(String method, String path, int status, Map<String, List<String>> headers,
            Optional<String> body) {
        public ApiResponse {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }
    }

    /** The ways a request breaks the description; empty when it conforms. */
    public List<String> validate(ApiRequest request) {
        Objects.requireNonNull(request, "request");
        String path = request.path();
        int query = path.indexOf('?');
        var builder = new SimpleRequest.Builder(method(request.method()), query < 0 ? path : path.substring(0, query));
        if (query >= 0) {
            for (String pair : path.substring(query + 1).split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    builder.withQueryParam(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
                }
            }
        }
        request.headers().forEach(builder::withHeader);
        boolean multipart = isMultipart(request.headers());
        // The library cannot check a multipart body (it logs that and skips it); a streamed one is not at hand.
        if (!multipart) {
            request.body().ifPresent(builder::withBody);
        }
        boolean formCredentials = "POST".equalsIgnoreCase(request.method()) && path.startsWith("/token")
                && request.body().map(b -> Handlers.formField(b, "client_id") != null
                        && Handlers.formField(b, "client_secret") != null).orElse(false);
        return messages(validator.validateRequest(builder.build())).stream()
                .filter(m -> !(multipart && m.startsWith("validation.request.body.missing")))
                .filter(m -> !(formCredentials && m.startsWith("validation.request.security")))
                .toList();
    }

    /** The ways a response breaks the description; empty when it conforms. */
    public List<String> validate(ApiResponse response) {
        Objects.requireNonNull(response, "response");
        String path = response.path();
        int query = path.indexOf('?');
        var builder = SimpleResponse.Builder.status(response.status());
        response.headers().forEach(builder::withHeader);
        response.body().ifPresent(builder::withBody);
        return messages(validator.validateResponse(query < 0 ? path : path.substring(0, query),
                method(response.method()), builder.build()));
    }

    private static boolean isMultipart(Map<String, List<String>> headers) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("Content-Type"))
                .flatMap(e -> e.getValue().stream())
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).startsWith("multipart/form-data"));
    }

    private static Request.Method method(String method) {
        return Request.Method.valueOf(method.toUpperCase(Locale.ROOT));
    }

    private static List<String> messages(ValidationReport report) {
        List<String> messages = new ArrayList<>();
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() == ValidationReport.Level.ERROR) {
                var text = new StringBuilder(message.getKey()).append(": ").append(message.getMessage());
                message.getAdditionalInfo().forEach(info -> text.append(" | ").append(info));
                messages.add(text.toString());
            }
        }
        return List.copyOf(messages);
    }

    private static String readResource(String name) {
        try (InputStream in = DwollaOpenApiValidator.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
