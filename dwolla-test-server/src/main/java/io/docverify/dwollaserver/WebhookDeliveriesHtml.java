package io.docverify.dwollaserver;

import java.util.List;

/**
 * The reviewer page's "Webhook deliveries" section: each recent webhook with its topic, resource and every attempt's
 * answer (the status, or "no answer" for a connection failure or a timeout). Bodies, headers and secrets are not
 * shown; {@code GET /webhooks/{id}} has the attempts in full.
 */
final class WebhookDeliveriesHtml {
    private WebhookDeliveriesHtml() {
    }

    static String render(List<WebhookStore.Snapshot> webhooks) {
        if (webhooks.isEmpty()) {
            return "<p>No webhook delivered yet (subscribe with <code>POST /webhook-subscriptions</code>).</p>";
        }
        var html = new StringBuilder("<table><tr><th>created</th><th>topic</th><th>resource</th><th>subscription</th>"
                + "<th>attempts</th></tr>\n");
        for (WebhookStore.Snapshot w : webhooks) {
            html.append("<tr data-webhook-id=\"").append(ReviewerPage.escape(w.id())).append("\"><td>")
                    .append(ReviewerPage.escape(w.created().toString())).append("</td><td>")
                    .append(ReviewerPage.escape(w.event().topic())).append("</td><td><code>")
                    .append(ReviewerPage.escape(w.event().resourceId())).append("</code></td><td><code>")
                    .append(ReviewerPage.escape(w.subscriptionId())).append("</code></td><td><table>");
            for (WebhookStore.Attempt a : w.attempts()) {
                html.append("<tr><td>").append(ReviewerPage.escape(a.requestAt().toString()))
                        .append("</td><td class=\"attempt\">")
                        .append(a.responseAt().isPresent() ? Integer.toString(a.status()) : "no answer")
                        .append("</td></tr>");
            }
            html.append("</table></td></tr>\n");
        }
        return html.append("</table>").toString();
    }
}
