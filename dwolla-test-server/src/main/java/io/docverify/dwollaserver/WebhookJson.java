package io.docverify.dwollaserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Dwolla's webhook-subscription, webhook and retry bodies (the OpenAPI schemas {@code WebhookSubscription},
 * {@code Webhook}, {@code WebhookRetries}).
 */
final class WebhookJson {
    private final EventJson events;
    private final java.util.function.Supplier<String> accountId;

    WebhookJson(EventJson events, java.util.function.Supplier<String> accountId) {
        this.events = events;
        this.accountId = accountId;
    }

    String subscriptionUrl(String id) {
        return events.base() + "/webhook-subscriptions/" + id;
    }

    String retryUrl(String webhookId, String retryId) {
        return events.base() + "/webhooks/" + webhookId + "/retries/" + retryId;
    }

    String subscription(WebhookStore.View subscription) {
        return EventJson.write(subscriptionNode(subscription));
    }

    String subscriptions(List<WebhookStore.View> all) {
        ObjectNode root = EventJson.MAPPER.createObjectNode();
        root.putObject("_links").set("self",
                EventJson.link(events.base() + "/webhook-subscriptions", "webhook-subscription"));
        ArrayNode items = root.putObject("_embedded").putArray("webhook-subscriptions");
        all.forEach(s -> items.add(subscriptionNode(s)));
        root.put("total", all.size());
        return EventJson.write(root);
    }

    String webhook(WebhookStore.Snapshot webhook) {
        return EventJson.write(webhookNode(webhook));
    }

    /** A page of a subscription's webhooks; {@code filters} is the date filters' query ({@code ""} or {@code ?...}). */
    String webhooks(String subscriptionId, String filters, WebhookStore.Page page, String selfUri, int offset,
            int limit) {
        ObjectNode root = EventJson.MAPPER.createObjectNode();
        root.set("_links", EventJson.pageLinks(events.base(), "/webhook-subscriptions/" + subscriptionId
                + "/webhooks" + filters, selfUri, offset, limit, page.total(), "webhook"));
        ArrayNode items = root.putObject("_embedded").putArray("webhooks");
        page.webhooks().forEach(w -> items.add(webhookNode(w)));
        root.put("total", page.total());
        return EventJson.write(root);
    }

    String retries(WebhookStore.Snapshot webhook) {
        String self = events.base() + "/webhooks/" + webhook.id();
        ObjectNode root = EventJson.MAPPER.createObjectNode();
        root.putObject("_links").set("self", EventJson.link(self + "/retries", "retry"));
        ArrayNode items = root.putObject("_embedded").putArray("retries");
        for (WebhookStore.Retry retry : webhook.retries()) {
            ObjectNode item = items.addObject();
            ObjectNode links = item.putObject("_links");
            links.set("self", EventJson.link(retryUrl(webhook.id(), retry.id()), "retry"));
            links.set("webhook", EventJson.link(self, "webhook"));
            item.put("id", retry.id());
            item.put("timestamp", EventJson.created(retry.at()));
        }
        root.put("total", webhook.retries().size());
        return EventJson.write(root);
    }

    private ObjectNode subscriptionNode(WebhookStore.View subscription) {
        ObjectNode node = EventJson.MAPPER.createObjectNode();
        ObjectNode links = node.putObject("_links");
        links.set("self", EventJson.link(subscriptionUrl(subscription.id()), "webhook-subscription"));
        links.set("webhooks", EventJson.link(subscriptionUrl(subscription.id()) + "/webhooks", "webhook"));
        node.put("id", subscription.id());
        node.put("url", subscription.url());
        node.put("paused", subscription.paused());
        node.put("created", EventJson.created(subscription.created()));
        return node;
    }

    private ObjectNode webhookNode(WebhookStore.Snapshot webhook) {
        ObjectNode node = EventJson.MAPPER.createObjectNode();
        String self = events.base() + "/webhooks/" + webhook.id();
        ObjectNode links = node.putObject("_links");
        links.set("self", EventJson.link(self, "webhook"));
        links.set("subscription", EventJson.link(subscriptionUrl(webhook.subscriptionId()), "webhook-subscription"));
        links.set("retry", EventJson.link(self + "/retries", "retry"));
        links.set("event", EventJson.link(events.base() + "/events/" + webhook.event().id(), "event"));
        node.put("id", webhook.id());
        node.put("topic", webhook.event().topic());
        node.put("accountId", accountId.get());
        node.put("eventId", webhook.event().id());
        node.put("subscriptionId", webhook.subscriptionId());
        ArrayNode attempts = node.putArray("attempts");
        for (WebhookStore.Attempt attempt : webhook.attempts()) {
            ObjectNode item = attempts.addObject();
            item.put("id", attempt.id());
            ObjectNode request = item.putObject("request");
            request.put("timestamp", EventJson.created(attempt.requestAt()));
            request.put("url", attempt.url());
            request.set("headers", headers(attempt.requestHeaders()));
            request.put("body", attempt.requestBody());
            attempt.responseAt().ifPresent(at -> {
                ObjectNode response = item.putObject("response");
                response.put("timestamp", EventJson.created(at));
                response.set("headers", headers(attempt.responseHeaders()));
                response.put("statusCode", attempt.status());
                response.put("body", attempt.responseBody());
            });
        }
        return node;
    }

    private static ArrayNode headers(List<WebhookStore.Header> headers) {
        ArrayNode array = EventJson.MAPPER.createArrayNode();
        headers.forEach(h -> array.addObject().put("name", h.name()).put("value", h.value()));
        return array;
    }
}
