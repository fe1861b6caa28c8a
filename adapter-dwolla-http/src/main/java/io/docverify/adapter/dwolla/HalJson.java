package io.docverify.adapter.dwolla;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import io.docverify.domain.DocumentState;
import io.docverify.domain.DocumentType;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.review.FailureReason;
import io.docverify.ports.out.DocumentPage;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Dwolla's HAL+JSON bodies read with Jackson and validated into the domain model. Unknown fields are ignored
 * (Dwolla adds fields); anything the model cannot represent truthfully (a rejected document without a failure
 * reason, {@code pending} with {@code rejected}, an unknown type, a malformed id or date, broken JSON) is a
 * {@code ProtocolError}, never silently accepted.
 */
final class HalJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private HalJson() {
    }

    /**
     * Builds Jackson's readers for Dwolla's bodies now, on the calling thread: the first answer is then parsed
     * without seconds of class loading on a Vert.x event loop.
     */
    static void warmUp() {
        byte[] list = ("{\"_embedded\":{\"documents\":[{\"id\":\"warm-up\",\"status\":\"reviewed\","
                + "\"type\":\"passport\",\"created\":\"2020-01-01T00:00:00Z\",\"documentVerificationStatus\":"
                + "\"rejected\",\"failureReason\":\"ScanNotReadable\",\"allFailureReasons\":[{\"reason\":"
                + "\"ScanNotReadable\",\"description\":\"d\"}]}]},\"total\":1}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        documents(list, new io.docverify.domain.CustomerId("warm-up"));
        read("{\"access_token\":\"x\",\"token_type\":\"bearer\",\"expires_in\":1}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), TokenJson.class, "token");
        tree("{\"code\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A document as {@code GET /documents/{id}} and the lists carry it. */
    record DocumentJson(String id, String status, String type, String created, String documentVerificationStatus,
            String failureReason, List<FailureReasonJson> allFailureReasons) {
    }

    /** One entry of {@code allFailureReasons}. */
    record FailureReasonJson(String reason, String description) {
    }

    /** {@code GET .../documents}: {@code _embedded.documents} and {@code total}. */
    record DocumentsJson(@JsonProperty("_embedded") EmbeddedDocuments embedded, Integer total) {
    }

    record EmbeddedDocuments(List<DocumentJson> documents) {
    }

    /** {@code POST /token}'s answer. */
    record TokenJson(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") Long expiresIn) {
    }

    /** Parses a body into a type, or fails with a protocol error naming what was expected. */
    static <T> T read(byte[] body, Class<T> type, String what) {
        if (body.length == 0) {
            throw DwollaFailure.protocol("Dwolla answered an empty body where " + what + " was expected.");
        }
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw DwollaFailure.protocol("Dwolla answered null where " + what + " was expected.");
            }
            return value;
        } catch (JsonProcessingException e) {
            // The message names the position, never the content.
            throw DwollaFailure.protocol("Dwolla's " + what + " is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ").", e);
        } catch (IOException e) {
            throw DwollaFailure.protocol("Dwolla's " + what + " could not be read.", e);
        }
    }

    /** A tree, for error bodies whose shape varies; empty if the body is not JSON. */
    static Optional<JsonNode> tree(byte[] body) {
        if (body.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code GET /documents/{id}}. */
    static Document document(byte[] body, Optional<OwnerId> owner) {
        return toDomain(read(body, DocumentJson.class, "document"), owner);
    }

    /** {@code GET /customers/{id}/documents} or {@code /beneficial-owners/{id}/documents}, newest first. */
    static DocumentPage documents(byte[] body, OwnerId owner) {
        DocumentsJson json = read(body, DocumentsJson.class, "document list");
        if (json.embedded() == null || json.embedded().documents() == null) {
            throw DwollaFailure.protocol("Dwolla's document list has no _embedded.documents.");
        }
        List<Document> documents = new ArrayList<>();
        for (DocumentJson d : json.embedded().documents()) {
            if (d == null) {
                throw DwollaFailure.protocol("Dwolla's document list holds a null document.");
            }
            documents.add(toDomain(d, Optional.of(owner)));
        }
        documents.sort(Document.NEWEST_FIRST);
        int total = json.total() == null ? documents.size() : json.total();
        if (total < documents.size()) {
            throw DwollaFailure.protocol("Dwolla's document list says total " + total + " but holds "
                    + documents.size() + " documents.");
        }
        return new DocumentPage(documents, total);
    }

    /** Validates one document into the model. */
    static Document toDomain(DocumentJson json, Optional<OwnerId> owner) {
        DocumentId id;
        DocumentType type;
        try {
            id = new DocumentId(json.id());
            type = DocumentType.fromWire(json.type());
        } catch (DocumentException e) {
            throw DwollaFailure.protocol("Dwolla sent a document with " + e.error().fieldErrors(), e);
        }
        return new Document(id, owner, type, instant(json.created(), id), state(json, id));
    }

    private static DocumentState state(DocumentJson json, DocumentId id) {
        String status = lower(json.status());
        String verification = lower(json.documentVerificationStatus());
        boolean hasReasons = json.failureReason() != null
                || (json.allFailureReasons() != null && !json.allFailureReasons().isEmpty());
        if ("pending".equals(status)) {
            if (!(verification == null || "pending".equals(verification)) || hasReasons) {
                throw DwollaFailure.protocol("Document " + id + " is pending but documentVerificationStatus is '"
                        + json.documentVerificationStatus() + "'" + (hasReasons ? " with failure reasons" : "") + ".");
            }
            return DocumentState.Pending.INSTANCE;
        }
        if (!"reviewed".equals(status)) {
            throw DwollaFailure.protocol("Document " + id + " has an unknown status '" + json.status() + "'.");
        }
        // Documents from before Dwolla added documentVerificationStatus: a reason means rejected.
        String outcome = verification != null ? verification : (json.failureReason() != null ? "rejected" : "accepted");
        return switch (outcome) {
            case "accepted" -> {
                if (hasReasons) {
                    throw DwollaFailure.protocol("Document " + id + " is accepted but carries failure reasons.");
                }
                yield DocumentState.Accepted.INSTANCE;
            }
            case "rejected" -> rejected(json, id);
            default -> throw DwollaFailure.protocol("Document " + id + " is reviewed with documentVerificationStatus '"
                    + json.documentVerificationStatus() + "'.");
        };
    }

    private static DocumentState rejected(DocumentJson json, DocumentId id) {
        if (json.failureReason() == null || json.failureReason().isBlank()) {
            throw DwollaFailure.protocol("Document " + id + " is rejected without a failureReason.");
        }
        List<FailureReason> all = new ArrayList<>();
        if (json.allFailureReasons() != null) {
            for (FailureReasonJson r : json.allFailureReasons()) {
                if (r == null || r.reason() == null || r.reason().isBlank()) {
                    throw DwollaFailure.protocol("Document " + id + " has a failure reason without a code.");
                }
                all.add(new FailureReason(r.reason(), r.description()));
            }
        }
        // The primary reason with its description from allFailureReasons when listed there, else the catalogue's.
        FailureReason primary = all.stream()
                .filter(r -> r.reason().equalsIgnoreCase(json.failureReason()))
                .findFirst()
                .orElseGet(() -> FailureReason.of(json.failureReason()));
        return new DocumentState.Rejected(primary, all);
    }

    private static Instant instant(String created, DocumentId id) {
        if (created == null) {
            throw DwollaFailure.protocol("Document " + id + " has no created date.");
        }
        try {
            return OffsetDateTime.parse(created).toInstant();
        } catch (DateTimeParseException e) {
            throw DwollaFailure.protocol("Document " + id + " has a malformed created date.", e);
        }
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
