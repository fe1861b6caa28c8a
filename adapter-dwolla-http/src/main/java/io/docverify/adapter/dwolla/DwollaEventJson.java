package io.docverify.adapter.dwolla;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.docverify.ports.out.EventPage;
import io.docverify.ports.out.ProviderEvent;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
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
        return event(tree(body, MAX_EVENT_BYTES, "event"), "event");
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

    private static JsonNode tree(byte[] body, int max, String what) {
        if (body.length > max) {
            throw new MalformedEventException("the " + what + " has " + body.length + " bytes, more than " + max);
        }
        if (body.length == 0) {
            throw new MalformedEventException("the " + what + " is empty");
        }
        JsonNode root;
        try {
            root = HalJson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new MalformedEventException("the " + what + " is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
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
        String id = text(node, "id", where);
        String topic = text(node, "topic", where);
        String resourceId = text(node, "resourceId", where);
        Instant created = created(node, where);
        JsonNode links = node.get("_links");
        if (links != null && !links.isNull() && !links.isObject()) {
            throw new MalformedEventException(where + "'s _links is not an object");
        }
        return new ProviderEvent(id, created, topic, resourceId, link(links, "resource", where),
                link(links, "customer", where));
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedEventException(where + " has no " + field);
        }
        if (!value.isTextual()) {
            throw new MalformedEventException(where + "'s " + field + " is not a string");
        }
        if (value.asText().isBlank()) {
            throw new MalformedEventException(where + "'s " + field + " is blank");
        }
        return value.asText();
    }

    private static Instant created(JsonNode node, String where) {
        String field = node.hasNonNull("created") ? "created" : "timestamp";
        if (!node.hasNonNull(field)) {
            throw new MalformedEventException(where + " has no created (nor the older timestamp)");
        }
        String text = text(node, field, where);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedEventException(where + "'s " + field + " is not an ISO-8601 date-time with an offset");
        }
    }

    private static Optional<URI> link(JsonNode links, String name, String where) {
        if (links == null || links.isNull() || !links.has(name) || links.get(name).isNull()) {
            return Optional.empty();
        }
        JsonNode link = links.get(name);
        String field = "_links." + name + ".href";
        if (!link.isObject()) {
            throw new MalformedEventException(where + "'s _links." + name + " is not an object");
        }
        String href = text(link, "href", where + "'s _links." + name);
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
