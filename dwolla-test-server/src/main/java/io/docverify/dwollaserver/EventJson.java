package io.docverify.dwollaserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docverify.adapter.inmemory.EventLog;
import io.docverify.adapter.inmemory.SandboxEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Dwolla's event bodies ({@code GET /events/{id}}, the body of a webhook, {@code GET /events}) and the paging links
 * Dwolla's lists carry ({@code self}, {@code first}, {@code prev}, {@code next}, {@code last}).
 */
final class EventJson {
    /** Dwolla writes milliseconds and a {@code Z}: {@code 2019-05-30T18:21:11.490Z}. */
    static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final DwollaJson json;
    private final java.util.function.Supplier<String> accountId;

    EventJson(DwollaJson json, java.util.function.Supplier<String> accountId) {
        this.json = json;
        this.accountId = accountId;
    }

    String base() {
        return json.baseUrl();
    }

    /** The event as Dwolla's webhook-events page shows it: {@code _links}, {@code created}, {@code id}, ... */
    String event(SandboxEvent event) {
        return write(eventNode(event));
    }

    ObjectNode eventNode(SandboxEvent event) {
        ObjectNode node = MAPPER.createObjectNode();
        ObjectNode links = node.putObject("_links");
        links.set("account", link(base() + "/accounts/" + accountId.get(), "account"));
        event.customerPath().ifPresent(path -> links.set("customer", link(base() + path, "customer")));
        links.set("resource", link(base() + event.resourcePath(), null));
        links.set("self", link(base() + "/events/" + event.id(), "event"));
        node.put("created", created(event.created()));
        node.put("id", event.id());
        node.put("resourceId", event.resourceId());
        node.put("topic", event.topic());
        return node;
    }

    /** {@code {"_links":{self,first,prev?,next?,last},"_embedded":{"events":[...]},"total":n}}. */
    String events(EventLog.Page page, String selfUri, int offset, int limit) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("_links", pageLinks(base(), "/events", selfUri, offset, limit, page.total(), "event"));
        ArrayNode items = root.putObject("_embedded").putArray("events");
        page.events().forEach(event -> items.add(eventNode(event)));
        root.put("total", page.total());
        return write(root);
    }

    /**
     * Dwolla's paging links of a list at {@code path} (which may carry a query of filters, kept on every link):
     * {@code self} is the URI asked for.
     */
    static ObjectNode pageLinks(String base, String path, String selfUri, int offset, int limit, int total,
            String resourceType) {
        ObjectNode links = MAPPER.createObjectNode();
        links.set("self", link(base + selfUri, resourceType));
        links.set("first", link(pageHref(base, path, 0, limit), resourceType));
        if (offset > 0) {
            links.set("prev", link(pageHref(base, path, Math.max(0, offset - limit), limit), resourceType));
        }
        if ((long) offset + limit < total) {
            links.set("next", link(pageHref(base, path, offset + limit, limit), resourceType));
        }
        int last = total == 0 ? 0 : (total - 1) / limit * limit;
        links.set("last", link(pageHref(base, path, last, limit), resourceType));
        return links;
    }

    private static String pageHref(String base, String path, int offset, int limit) {
        return base + path + (path.contains("?") ? "&" : "?") + "limit=" + limit + "&offset=" + offset;
    }

    static String created(Instant at) {
        return CREATED.format(at);
    }

    static ObjectNode link(String href, String resourceType) {
        ObjectNode link = MAPPER.createObjectNode().put("href", href).put("type", DwollaJson.HAL_JSON);
        if (resourceType != null) {
            link.put("resource-type", resourceType);
        }
        return link;
    }

    static String write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
