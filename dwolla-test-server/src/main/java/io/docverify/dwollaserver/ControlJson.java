package io.docverify.dwollaserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docverify.domain.Document;
import io.docverify.domain.OwnerDocuments;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.FieldError;
import io.docverify.domain.owner.Owner;
import io.docverify.domain.review.FailureReason;
import io.docverify.domain.review.ReviewDecision;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** The control API's JSON: what it reads (review, fault, duration) and what it writes (owners, journal...). */
final class ControlJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private ControlJson() {
    }

    // ------------------------------------------------------------------ reading

    static JsonNode parse(String body) {
        try {
            JsonNode node = MAPPER.readTree(body == null ? "" : body);
            if (node == null || !node.isObject()) {
                throw bad("/", "The body must be a JSON object.");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw bad("/", "The body is not JSON.");
        }
    }

    /** {@code {"decision":"accepted"}} or {@code {"decision":"rejected","reasons":["ScanNotReadable",...]}}. */
    static ReviewDecision decision(JsonNode body) {
        String decision = text(body, "decision");
        return switch (decision) {
            case "accepted" -> ReviewDecision.accept();
            case "rejected" -> {
                JsonNode reasons = body.get("reasons");
                if (reasons == null || !reasons.isArray() || reasons.isEmpty()) {
                    throw bad("/reasons", "A rejection needs reasons: an array of Dwolla failure reason codes.");
                }
                List<FailureReason> parsed = new ArrayList<>();
                for (JsonNode reason : reasons) {
                    if (!reason.isTextual() || reason.asText().isBlank()) {
                        throw bad("/reasons", "Each reason is a failure reason code, e.g. ScanNotReadable.");
                    }
                    parsed.add(FailureReason.of(reason.asText()));
                }
                yield ReviewDecision.reject(parsed);
            }
            default -> throw bad("/decision", "The decision is accepted or rejected.");
        };
    }

    /** The route of a fault request: its enum name ({@code GET_DOCUMENT}). */
    static Route route(JsonNode body) {
        String name = text(body, "route");
        try {
            Route route = Route.valueOf(name.toUpperCase(Locale.ROOT));
            if (route != Route.OTHER) {
                return route;
            }
        } catch (IllegalArgumentException unknown) {
            // below
        }
        throw bad("/route", "Not a route: use one of " + java.util.Arrays.stream(Route.values())
                .filter(r -> r != Route.OTHER).map(Route::name).toList() + ".");
    }

    /** How many requests a fault applies to: {@code times}, default 1, at most 10,000. */
    static int times(JsonNode body) {
        JsonNode times = body.get("times");
        if (times == null) {
            return 1;
        }
        if (!times.canConvertToInt() || !times.isIntegralNumber() || times.asInt() < 1 || times.asInt() > 10_000) {
            throw bad("/times", "times is a whole number from 1 to 10000.");
        }
        return times.asInt();
    }

    /** A {@link Fault} from {@code {"kind":"status","status":503}} and the like (see the README's table). */
    static Fault fault(JsonNode body) {
        JsonNode fault = body.get("fault");
        if (fault == null || !fault.isObject()) {
            throw bad("/fault", "fault is an object with a kind.");
        }
        String kind = text(fault, "/fault", "kind");
        try {
            return switch (kind) {
                case "status" -> {
                    JsonNode status = fault.get("status");
                    if (status == null || !status.isInt()) {
                        throw bad("/fault/status", "A status fault needs an HTTP status (a number), e.g. 503.");
                    }
                    if (status.asInt() < 100 || status.asInt() > 599) {
                        throw bad("/fault/status", "status is an HTTP status from 100 to 599, not " + status.asInt()
                                + ".");
                    }
                    yield fault.has("body") || fault.has("contentType")
                            ? Fault.status(status.asInt(), text(fault, "/fault", "body"),
                                    text(fault, "/fault", "contentType"))
                            : Fault.status(status.asInt());
                }
                case "tooManyRequests" -> Fault.tooManyRequests(duration(fault, "/fault", "retryAfter"));
                case "delay" -> Fault.delay(duration(fault, "/fault", "delay"));
                case "resetBeforeProcessing" -> Fault.resetBeforeProcessing();
                case "resetAfterProcessing" -> Fault.resetAfterProcessing();
                case "malformedJson" -> Fault.malformedJson();
                case "dropLocationHeader" -> Fault.dropLocationHeader();
                case "conflict" -> Fault.conflict();
                default -> throw bad("/fault/kind", "Not a fault kind: use status, tooManyRequests, delay,"
                        + " resetBeforeProcessing, resetAfterProcessing, malformedJson, dropLocationHeader or"
                        + " conflict.");
            };
        } catch (IllegalArgumentException invalid) {
            throw bad("/fault", invalid.getMessage());
        }
    }

    /**
     * A webhook fault from {@code {"kind":"wrongSecret"}}, {@code {"kind":"twice"}}, {@code {"kind":"outOfOrder"}}
     * or {@code {"kind":"delay","delay":"PT2S"}}: what queues it on a {@link WebhookFaults}.
     */
    static Consumer<WebhookFaults> webhookFault(JsonNode body) {
        String kind = text(body, "kind");
        return switch (kind) {
            case "wrongSecret" -> WebhookFaults::signNextWithWrongSecret;
            case "twice" -> WebhookFaults::deliverNextTwice;
            case "outOfOrder" -> WebhookFaults::deliverNextOutOfOrder;
            case "delay" -> {
                Duration delay = duration(body, "delay");
                yield faults -> faults.delayNext(delay);
            }
            default -> throw bad("/kind", "Not a webhook fault kind: use wrongSecret, twice, outOfOrder or delay.");
        };
    }

    /** An ISO-8601 duration field ({@code PT15M}), not negative. */
    static Duration duration(JsonNode body, String field) {
        return duration(body, "", field);
    }

    /** An ISO-8601 duration field of the object at {@code at} (a JSON pointer, "" for the body). */
    static Duration duration(JsonNode body, String at, String field) {
        String text = text(body, at, field);
        try {
            Duration duration = Duration.parse(text);
            if (duration.isNegative()) {
                throw bad(at + "/" + field, field + " must not be negative.");
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw bad(at + "/" + field, field + " is an ISO-8601 duration, e.g. PT15M.");
        }
    }

    static String text(JsonNode body, String field) {
        return text(body, "", field);
    }

    /** A string field of the object at {@code at} (a JSON pointer, "" for the body). */
    static String text(JsonNode body, String at, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw bad(at + "/" + field, field + " is required (a string).");
        }
        return value.asText();
    }

    static RuntimeException bad(String path, String message) {
        return DocumentError.validation(FieldError.INVALID, path, message).toException();
    }

    // ------------------------------------------------------------------ writing

    static ObjectNode owner(Owner owner) {
        return MAPPER.createObjectNode()
                .put("id", owner.id().value())
                .put("kind", owner.id().kind())
                .put("status", owner.status().wire());
    }

    static ObjectNode owners(List<OwnerDocuments> owners) {
        ArrayNode list = MAPPER.createArrayNode();
        for (OwnerDocuments o : owners) {
            ObjectNode node = owner(o.owner());
            ArrayNode documents = node.putArray("documents");
            o.documents().stream().sorted(Document.NEWEST_FIRST).forEach(d -> documents.add(document(d)));
            list.add(node);
        }
        ObjectNode root = MAPPER.createObjectNode();
        root.set("owners", list);
        return root;
    }

    static ObjectNode document(Document d) {
        ObjectNode node = MAPPER.createObjectNode()
                .put("id", d.id().value())
                .put("type", d.type().wire())
                .put("status", d.status().wire())
                .put("created", d.created().toString());
        d.owner().ifPresent(o -> node.put("ownerId", o.value()).put("ownerKind", o.kind()));
        ArrayNode reasons = node.putArray("failureReasons");
        d.allFailureReasons().forEach(r -> reasons.addObject().put("reason", r.reason())
                .put("description", r.description()));
        return node;
    }

    static ObjectNode journal(List<RecordedRequest> requests) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode list = root.putArray("requests");
        for (RecordedRequest r : requests) {
            ObjectNode node = list.addObject()
                    .put("route", r.route().name())
                    .put("method", r.method())
                    .put("path", r.path())
                    .put("status", r.status())
                    .put("bodyBytes", r.bodyBytes())
                    .put("at", r.at().toString());
            r.idempotencyKey().ifPresent(k -> node.put("idempotencyKey", k));
        }
        return root;
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
