package io.docverify.dwollaserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.FieldError;
import io.docverify.domain.review.FailureReason;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Dwolla's JSON bodies: HAL documents, document lists, error bodies and the token answer. */
final class DwollaJson {
    static final String HAL_JSON = "application/vnd.dwolla.v1.hal+json";
    static final String JSON = "application/json";

    /** Dwolla writes milliseconds and a {@code Z}: {@code 2015-09-29T21:42:16.000Z}. */
    private static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Known once the server listens (the port is chosen then); set before the first request is served. */
    private volatile String baseUrl = "http://127.0.0.1";

    private volatile ErrorStyle errorStyle = ErrorStyle.ENDPOINT_TABLE;

    DwollaJson() {
    }

    ErrorStyle errorStyle() {
        return errorStyle;
    }

    void errorStyle(ErrorStyle value) {
        this.errorStyle = java.util.Objects.requireNonNull(value, "errorStyle");
    }

    void baseUrl(String value) {
        this.baseUrl = value;
    }

    String baseUrl() {
        return baseUrl;
    }

    String documentUrl(DocumentId id) {
        return baseUrl + "/documents/" + id.value();
    }

    String document(Document document) {
        return write(documentNode(document));
    }

    /** {@code {"_links":{"self":...},"_embedded":{"documents":[...]},"total":n}}. */
    String list(String selfPath, List<Document> documents, int total) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("_links", MAPPER.createObjectNode().set("self", link(baseUrl + selfPath, "document")));
        ArrayNode items = MAPPER.createArrayNode();
        documents.forEach(d -> items.add(documentNode(d)));
        root.set("_embedded", MAPPER.createObjectNode().set("documents", items));
        root.put("total", total);
        return write(root);
    }

    /**
     * Dwolla's error body: {@code {"code","message"}}; a {@code ValidationError} adds
     * {@code _embedded.errors[{code,message,path,_links}]}, a {@code DuplicateResource} adds {@code _links.about}.
     */
    String error(DocumentError error) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("code", error.wireCode());
        root.put("message", error.message());
        if (!error.fieldErrors().isEmpty()) {
            ArrayNode errors = MAPPER.createArrayNode();
            for (FieldError field : error.fieldErrors()) {
                ObjectNode item = errors.addObject();
                item.put("code", field.code());
                item.put("message", field.message());
                item.put("path", field.path());
                ObjectNode links = MAPPER.createObjectNode();
                // Dwolla links the existing resource from an embedded Duplicate (as for a duplicate customer email)
                if ("Duplicate".equals(field.code())) {
                    error.existingDocument().ifPresent(existing ->
                            links.set("about", link(documentUrl(existing), "document")));
                }
                item.set("_links", links);
            }
            root.set("_embedded", MAPPER.createObjectNode().set("errors", errors));
        } else {
            error.existingDocument().ifPresent(existing -> root.set("_links",
                    MAPPER.createObjectNode().set("about", link(documentUrl(existing), "document"))));
        }
        return write(root);
    }

    /** A plain {@code {"code","message"}} body. */
    static String error(String code, String message) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("code", code);
        root.put("message", message);
        return write(root);
    }

    /** The OAuth 2 error shape of the token endpoint: {@code {"error":"invalid_client"}}. */
    static String oauthError(String error) {
        return write(MAPPER.createObjectNode().put("error", error));
    }

    /** {@code {"access_token","token_type":"bearer","expires_in"}}. */
    static String token(String accessToken, long expiresIn) {
        return write(MAPPER.createObjectNode()
                .put("access_token", accessToken)
                .put("token_type", "bearer")
                .put("expires_in", expiresIn));
    }

    private ObjectNode documentNode(Document document) {
        ObjectNode node = MAPPER.createObjectNode();
        node.set("_links", MAPPER.createObjectNode().set("self", link(documentUrl(document.id()), "document")));
        node.put("id", document.id().value());
        node.put("status", document.status().wire());
        node.put("type", document.type().wire());
        node.put("created", CREATED.format(document.created()));
        node.put("documentVerificationStatus", document.verificationStatus().wire());
        document.failureReason().ifPresent(reason -> node.put("failureReason", reason.reason()));
        if (!document.allFailureReasons().isEmpty()) {
            ArrayNode all = node.putArray("allFailureReasons");
            for (FailureReason reason : document.allFailureReasons()) {
                all.addObject().put("reason", reason.reason()).put("description", reason.description());
            }
        }
        return node;
    }

    private static ObjectNode link(String href, String resourceType) {
        return MAPPER.createObjectNode()
                .put("href", href)
                .put("type", HAL_JSON)
                .put("resource-type", resourceType);
    }

    private static String write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
