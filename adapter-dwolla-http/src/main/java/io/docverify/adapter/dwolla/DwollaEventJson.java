package io.docverify.adapter.dwolla;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.docverify.ports.out.EventPage;
import io.docverify.ports.out.ProviderEvent;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Dwolla's event JSON read into {@link ProviderEvent}: the body of a webhook, or one element of
 * {@code GET /events}' {@code _embedded.events}. Reads {@code id}, {@code created} (ISO-8601; very old payloads
 * carry {@code timestamp} instead, accepted), {@code topic}, {@code resourceId}, {@code _links.resource.href} and
 * {@code _links.customer.href}; ignores every other field. Bodies are bounded before parsing
 * ({@link #MAX_EVENT_BYTES}, {@link #MAX_PAGE_BYTES}). Anything else is a {@link MalformedEventException} whose
 * message names the field, never the body. Thread-safe (stateless).
 */
public final class DwollaEventJson {
    /** The largest event body read; Dwolla's events are a few hundred bytes to a few KiB. */
    public static final int MAX_EVENT_BYTES = 16 * 1024;
    /** The largest events page read: {@code EventFeed.MAX_LIMIT} events of a few KiB each. */
    public static final int MAX_PAGE_BYTES = 2 * 1024 * 1024;

    private DwollaEventJson() {
    }

    /**
     * One event.
     *
     * @throws MalformedEventException if the body is over {@link #MAX_EVENT_BYTES}, not JSON, not an object, or
     *                                 lacks a field or has one of the wrong type
     */
    public static ProviderEvent parse(byte[] body) {
        Objects.requireNonNull(body, "body");
        checkSize(body, MAX_EVENT_BYTES, "event");
        try (JsonParser parser = HalJson.MAPPER.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                // Whatever it is, the tree reader says what is wrong with it (not JSON, or not an object).
                tree(body, MAX_EVENT_BYTES, "event");
                throw new MalformedEventException("the event is not a JSON object");
            }
            Fields fields = Fields.read(parser);
            if (parser.nextToken() != null) {
                throw new MalformedEventException("the event is not valid JSON (content after its end)");
            }
            // Checked only once the whole body has been read: a body that is no JSON says so, not "has no id".
            return fields.event("event");
        } catch (JsonProcessingException e) {
            throw notJson("event", e);
        } catch (IOException e) {
            throw new MalformedEventException("the event could not be read as JSON");
        }
    }

    /**
     * One page of {@code GET /events}: {@code _embedded.events} (each read as {@link #parse(byte[])} reads one) and
     * {@code total}.
     *
     * @throws MalformedEventException if the body is over {@link #MAX_PAGE_BYTES}, or any part is malformed (the
     *                                 message names the event's index)
     */
    public static EventPage parsePage(byte[] body) {
        Objects.requireNonNull(body, "body");
        JsonNode root = tree(body, MAX_PAGE_BYTES, "events page");
        JsonNode embedded = root.get("_embedded");
        if (embedded == null || !embedded.isObject()) {
            throw new MalformedEventException("the events page has no _embedded object");
        }
        JsonNode events = embedded.get("events");
        if (events == null || !events.isArray()) {
            throw new MalformedEventException("the events page has no _embedded.events array");
        }
        JsonNode total = root.get("total");
        if (total == null || !total.canConvertToLong() || !total.isIntegralNumber() || total.asLong() < 0) {
            throw new MalformedEventException("the events page's total is missing or not a non-negative integer");
        }
        List<ProviderEvent> page = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            page.add(event(events.get(i), "_embedded.events[" + i + "]"));
        }
        if (total.asLong() < page.size()) {
            throw new MalformedEventException("the events page's total is less than its " + page.size() + " events");
        }
        return new EventPage(page, total.asLong());
    }

    private static void checkSize(byte[] body, int max, String what) {
        if (body.length > max) {
            throw new MalformedEventException("the " + what + " has " + body.length + " bytes, more than " + max);
        }
        if (body.length == 0) {
            throw new MalformedEventException("the " + what + " is empty");
        }
    }

    private static MalformedEventException notJson(String what, JsonProcessingException e) {
        var at = e.getLocation();
        return new MalformedEventException("the " + what + " is not valid JSON"
                + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }

    private static JsonNode tree(byte[] body, int max, String what) {
        checkSize(body, max, what);
        JsonNode root;
        try {
            root = HalJson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw notJson(what, e);
        } catch (IOException e) {
            throw new MalformedEventException("the " + what + " could not be read as JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEventException("the " + what + " is not a JSON object");
        }
        return root;
    }

    private static ProviderEvent event(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new MalformedEventException(where + " is not a JSON object");
        }
        try (JsonParser parser = node.traverse(HalJson.MAPPER)) {
            parser.nextToken();
            return Fields.read(parser).event(where);
        } catch (IOException e) {
            throw new MalformedEventException(where + " could not be read");
        }
    }

    /**
     * The fields of the event whose {@code START_OBJECT} the parser is on, read in one pass over its tokens (a
     * webhook is parsed on the intake's event loop, once per delivery: no tree is built); of a field given twice
     * the last counts. {@link #event} then checks them in the fields' order, whatever their order in the JSON.
     */
    private record Fields(Value id, Value topic, Value resourceId, Value created, Value timestamp, Links links) {
        static Fields read(JsonParser parser) throws IOException {
            Value id = null;
            Value topic = null;
            Value resourceId = null;
            Value created = null;
            Value timestamp = null;
            Links links = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "id" -> id = Value.read(parser);
                    case "topic" -> topic = Value.read(parser);
                    case "resourceId" -> resourceId = Value.read(parser);
                    case "created" -> created = Value.read(parser);
                    case "timestamp" -> timestamp = Value.read(parser);
                    case "_links" -> links = Links.read(parser);
                    default -> parser.skipChildren();
                }
            }
            return new Fields(id, topic, resourceId, created, timestamp, links);
        }

        ProviderEvent event(String where) {
            String idText = text(id, "id", where);
            String topicText = text(topic, "topic", where);
            String resourceText = text(resourceId, "resourceId", where);
            Instant createdAt = instant(created, timestamp, where);
            if (links != null && links.token != JsonToken.VALUE_NULL && links.token != JsonToken.START_OBJECT) {
                throw new MalformedEventException(where + "'s _links is not an object");
            }
            return new ProviderEvent(idText, createdAt, topicText, resourceText,
                    link(links == null ? null : links.resource, "resource", where),
                    link(links == null ? null : links.customer, "customer", where));
        }
    }

    /** A scalar field as read: its token, and its text when it is a string. */
    private record Value(JsonToken token, String text) {
        static Value read(JsonParser parser) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_STRING) {
                return new Value(token, parser.getText());
            }
            parser.skipChildren();
            return new Value(token, null);
        }

        boolean absent() {
            return token == JsonToken.VALUE_NULL;
        }
    }

    /** {@code _links} as read: its token, and the two links the event needs. */
    private record Links(JsonToken token, Link resource, Link customer) {
        static Links read(JsonParser parser) throws IOException {
            JsonToken token = parser.currentToken();
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return new Links(token, null, null);
            }
            Link resource = null;
            Link customer = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "resource" -> resource = Link.read(parser);
                    case "customer" -> customer = Link.read(parser);
                    default -> parser.skipChildren();
                }
            }
            return new Links(token, resource, customer);
        }
    }

    /** One link as read: its token, and its {@code href}. */
    private record Link(JsonToken token, Value href) {
        static Link read(JsonParser parser) throws IOException {
            JsonToken token = parser.currentToken();
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return new Link(token, null);
            }
            Value href = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals("href")) {
                    href = Value.read(parser);
                } else {
                    parser.skipChildren();
                }
            }
            return new Link(token, href);
        }
    }

    private static String text(Value value, String field, String where) {
        if (value == null || value.absent()) {
            throw new MalformedEventException(where + " has no " + field);
        }
        if (value.token != JsonToken.VALUE_STRING) {
            throw new MalformedEventException(where + "'s " + field + " is not a string");
        }
        if (value.text.isBlank()) {
            throw new MalformedEventException(where + "'s " + field + " is blank");
        }
        return value.text;
    }

    private static Instant instant(Value created, Value timestamp, String where) {
        boolean hasCreated = created != null && !created.absent();
        String field = hasCreated ? "created" : "timestamp";
        Value value = hasCreated ? created : timestamp;
        if (value == null || value.absent()) {
            throw new MalformedEventException(where + " has no created (nor the older timestamp)");
        }
        String text = text(value, field, where);
        try {
            return UtcInstants.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedEventException(where + "'s " + field + " is not an ISO-8601 date-time with an offset");
        }
    }

    private static Optional<URI> link(Link link, String name, String where) {
        if (link == null || link.token == JsonToken.VALUE_NULL) {
            return Optional.empty();
        }
        String field = "_links." + name + ".href";
        if (link.token != JsonToken.START_OBJECT) {
            throw new MalformedEventException(where + "'s _links." + name + " is not an object");
        }
        String href = text(link.href, "href", where + "'s _links." + name);
        try {
            URI uri = new URI(href);
            if (!uri.isAbsolute() || uri.getHost() == null) {
                throw new MalformedEventException(where + "'s " + field + " is not an absolute URL");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw new MalformedEventException(where + "'s " + field + " is not a URL");
        }
    }
}
