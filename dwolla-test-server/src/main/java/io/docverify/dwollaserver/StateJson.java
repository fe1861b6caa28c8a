package io.docverify.dwollaserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docverify.adapter.inmemory.SandboxEvent;
import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentState;
import io.docverify.domain.DocumentType;
import io.docverify.domain.OwnerDocuments;
import io.docverify.domain.OwnerId;
import io.docverify.domain.event.DocumentEvent;
import io.docverify.domain.owner.BeneficialOwner;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.Customer;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.domain.owner.Owner;
import io.docverify.domain.owner.OwnerStatus;
import io.docverify.domain.review.FailureReason;
import io.docverify.domain.upload.Fingerprint;
import io.docverify.domain.upload.UploadLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state file's elements as JSON and back: an owner with its documents (id, type, creation time, state, failure
 * reasons) and the SHA-256 of each file (so the duplicate rule holds after a restart), an event, a webhook
 * subscription (with its secret). File bytes are never kept: the sandbox never serves them back. A field missing
 * or of the wrong kind fails the element with a message naming it.
 */
final class StateJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private StateJson() {
    }

    // ------------------------------------------------------------------ owners and documents

    static ObjectNode owner(OwnerDocuments aggregate, Optional<OwnerProfiles.Profile> profile) {
        ObjectNode node = MAPPER.createObjectNode();
        Owner owner = aggregate.owner();
        node.put("kind", owner instanceof Customer ? "customer" : "beneficialOwner");
        node.put("id", owner.id().value());
        if (owner instanceof Customer customer) {
            node.put("type", customer.type().wire());
        }
        node.put("status", owner.status().wire());
        profile.ifPresent(p -> node.putObject("profile").put("created", p.created().toString())
                .put("businessNamed", p.businessNamed()).set("fields", p.fields()));
        ArrayNode documents = node.putArray("documents");
        for (Document document : aggregate.documents()) {
            ObjectNode d = documents.addObject().put("id", document.id().value()).put("type", document.type().wire())
                    .put("created", document.created().toString());
            DocumentState state = document.state();
            d.put("state", state instanceof DocumentState.Pending ? "pending"
                    : state instanceof DocumentState.Accepted ? "accepted" : "rejected");
            if (state instanceof DocumentState.Rejected rejected) {
                d.set("failureReason", reason(rejected.failureReason()));
                rejected.allFailureReasons().forEach(r -> d.withArray("allFailureReasons").add(reason(r)));
            }
        }
        ArrayNode fingerprints = node.putArray("fingerprints");
        aggregate.fingerprints().forEach((fingerprint, id) -> fingerprints.addObject()
                .put("sha256", fingerprint.sha256Hex()).put("document", id.value()));
        return node;
    }

    static OwnerDocuments ownerDocuments(JsonNode node, UploadLimits limits) {
        Owner owner = owner(node);
        List<Document> documents = new ArrayList<>();
        for (JsonNode d : array(node, "documents")) {
            DocumentState state = switch (text(d, "state")) {
                case "pending" -> DocumentState.Pending.INSTANCE;
                case "accepted" -> DocumentState.Accepted.INSTANCE;
                case "rejected" -> new DocumentState.Rejected(reason(d.path("failureReason")),
                        reasons(d.path("allFailureReasons")));
                default -> throw new IllegalArgumentException("unknown document state " + text(d, "state"));
            };
            documents.add(new Document(new DocumentId(text(d, "id")), Optional.of(owner.id()),
                    DocumentType.fromWire(text(d, "type")), Instant.parse(text(d, "created")), state));
        }
        Map<Fingerprint, DocumentId> fingerprints = new HashMap<>();
        for (JsonNode f : array(node, "fingerprints")) {
            fingerprints.put(new Fingerprint(text(f, "sha256")), new DocumentId(text(f, "document")));
        }
        return OwnerDocuments.restore(owner, documents, fingerprints, limits);
    }

    static Optional<OwnerProfiles.Profile> profile(JsonNode owner) {
        JsonNode p = owner.path("profile");
        if (!p.isObject()) {
            return Optional.empty();
        }
        if (!p.path("fields").isObject()) {
            throw new IllegalArgumentException("a profile needs its \"fields\"");
        }
        return Optional.of(new OwnerProfiles.Profile((ObjectNode) p.get("fields"), Instant.parse(text(p, "created")),
                p.path("businessNamed").asBoolean(false)));
    }

    private static Owner owner(JsonNode node) {
        String id = text(node, "id");
        String status = text(node, "status");
        return switch (text(node, "kind")) {
            case "customer" -> new Customer(new CustomerId(id), customerType(text(node, "type")),
                    CustomerStatus.fromWire(status).orElseThrow(() -> unknown("customer status", status)));
            case "beneficialOwner" -> new BeneficialOwner(new BeneficialOwnerId(id),
                    BeneficialOwnerStatus.fromWire(status).orElseThrow(() -> unknown("beneficial owner status", status)));
            default -> throw unknown("owner kind", text(node, "kind"));
        };
    }

    private static CustomerType customerType(String wire) {
        for (CustomerType type : CustomerType.values()) {
            if (type.wire().equals(wire)) {
                return type;
            }
        }
        throw unknown("customer type", wire);
    }

    // ------------------------------------------------------------------ events

    static ObjectNode event(SandboxEvent stored) {
        ObjectNode node = MAPPER.createObjectNode().put("id", stored.id()).put("created", stored.created().toString());
        DocumentEvent event = stored.event();
        node.put("ownerKind", event.owner() instanceof CustomerId ? "customer" : "beneficialOwner")
                .put("owner", event.owner().value()).put("occurredAt", event.occurredAt().toString());
        if (event instanceof DocumentEvent.DocumentUploaded e) {
            node.put("kind", "uploaded").put("document", e.documentId().value()).put("type", e.type().wire());
        } else if (event instanceof DocumentEvent.DocumentApproved e) {
            node.put("kind", "approved").put("document", e.documentId().value());
        } else if (event instanceof DocumentEvent.DocumentFailed e) {
            node.put("kind", "failed").put("document", e.documentId().value());
            e.reasons().forEach(r -> node.withArray("reasons").add(reason(r)));
        } else if (event instanceof DocumentEvent.OwnerStatusChanged e) {
            node.put("kind", "statusChanged").put("from", e.from().wire()).put("to", e.to().wire());
        }
        return node;
    }

    static SandboxEvent event(JsonNode node) {
        String ownerId = text(node, "owner");
        OwnerId owner = switch (text(node, "ownerKind")) {
            case "customer" -> new CustomerId(ownerId);
            case "beneficialOwner" -> new BeneficialOwnerId(ownerId);
            default -> throw unknown("owner kind", text(node, "ownerKind"));
        };
        Instant at = Instant.parse(text(node, "occurredAt"));
        DocumentEvent event = switch (text(node, "kind")) {
            case "uploaded" -> new DocumentEvent.DocumentUploaded(new DocumentId(text(node, "document")), owner,
                    DocumentType.fromWire(text(node, "type")), at);
            case "approved" -> new DocumentEvent.DocumentApproved(new DocumentId(text(node, "document")), owner, at);
            case "failed" -> new DocumentEvent.DocumentFailed(new DocumentId(text(node, "document")), owner,
                    reasons(node.path("reasons")), at);
            case "statusChanged" -> new DocumentEvent.OwnerStatusChanged(owner, status(owner, text(node, "from")),
                    status(owner, text(node, "to")), at);
            default -> throw unknown("event kind", text(node, "kind"));
        };
        return new SandboxEvent(text(node, "id"), Instant.parse(text(node, "created")), event.topic(),
                event.resourceId(), owner, event);
    }

    private static OwnerStatus status(OwnerId owner, String wire) {
        Optional<? extends OwnerStatus> status = owner instanceof CustomerId
                ? CustomerStatus.fromWire(wire) : BeneficialOwnerStatus.fromWire(wire);
        return status.orElseThrow(() -> unknown("status", wire));
    }

    // ------------------------------------------------------------------ webhook subscriptions

    static ObjectNode subscription(WebhookStore.Stored s) {
        return MAPPER.createObjectNode().put("id", s.id()).put("url", s.url()).put("secret", s.secret())
                .put("created", s.created().toString()).put("paused", s.paused());
    }

    static WebhookStore.Stored subscription(JsonNode node) {
        return new WebhookStore.Stored(text(node, "id"), text(node, "url"), text(node, "secret"),
                Instant.parse(text(node, "created")), node.path("paused").asBoolean(false));
    }

    // ------------------------------------------------------------------ shared

    private static ObjectNode reason(FailureReason reason) {
        return MAPPER.createObjectNode().put("reason", reason.reason()).put("description", reason.description());
    }

    private static FailureReason reason(JsonNode node) {
        return new FailureReason(text(node, "reason"), node.path("description").asText(""));
    }

    private static List<FailureReason> reasons(JsonNode array) {
        List<FailureReason> reasons = new ArrayList<>();
        array.forEach(r -> reasons.add(reason(r)));
        return reasons;
    }

    private static Iterable<JsonNode> array(JsonNode node, String name) {
        JsonNode value = node.path(name);
        if (!value.isArray()) {
            throw new IllegalArgumentException("\"" + name + "\" must be an array");
        }
        return value;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.path(name);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("\"" + name + "\" must be a string");
        }
        return value.asText();
    }

    private static IllegalArgumentException unknown(String what, String value) {
        return new IllegalArgumentException("unknown " + what + " " + value);
    }
}
