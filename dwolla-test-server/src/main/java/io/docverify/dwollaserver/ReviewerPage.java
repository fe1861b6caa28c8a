package io.docverify.dwollaserver;

import io.docverify.domain.Document;
import io.docverify.domain.OwnerDocuments;
import io.docverify.domain.review.FailureReason;
import io.docverify.domain.review.KnownFailureReason;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The reviewer's page at {@code GET /_sandbox/}, the offline counterpart of Dwolla's dashboard: owners and their
 * status, documents and their state, pending documents with Accept / Reject (with the failure reasons checked)
 * buttons that call the control API, the webhook deliveries, the recent requests. Server-rendered HTML, every value
 * HTML-escaped; a tiny inline script posts the decisions and reloads. Nothing here logs.
 */
public final class ReviewerPage {
    /** How many recent requests the page lists. */
    public static final int RECENT_REQUESTS = 50;

    private final SandboxControl control;
    private final Map<String, Supplier<String>> sections = new ConcurrentHashMap<>();

    /** The page of {@code control}. */
    public ReviewerPage(SandboxControl control) {
        this.control = Objects.requireNonNull(control, "control");
    }

    /**
     * Fills a section of the page with HTML rendered by {@code html} on every request (it must escape what it
     * shows, see {@link #escape}); the section {@code "webhook-deliveries"} replaces the deliveries placeholder.
     */
    public void section(String id, Supplier<String> html) {
        sections.put(Objects.requireNonNull(id, "id"), Objects.requireNonNull(html, "html"));
    }

    /** The page as it is now. */
    public String render() {
        List<OwnerDocuments> owners = control.owners();
        var html = new StringBuilder(8192);
        // An empty icon: else the browser asks for /favicon.ico, a path Dwolla does not serve (a 404, journaled
        // and counted as an OpenAPI violation).
        html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<link rel=\"icon\" href=\"data:,\">")
                .append("<title>docverify sandbox: reviewer</title><style>")
                .append("body{font-family:sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;")
                .append("margin-bottom:1.5em}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;")
                .append("font-size:.9em}th{background:#eee}code{font-size:.85em}.verified{color:#070}")
                .append(".pending{color:#a60}.rejected,.suspended{color:#b00}button{margin-right:.3em}fieldset.reasons{"
                        + "display:inline-block;max-width:34em;margin:.2em .3em;padding:.2em .4em;font-size:.85em}"
                        + "fieldset.reasons label{white-space:nowrap;margin-right:.4em}")
                .append("</style></head><body>\n<h1>docverify sandbox: reviewer</h1>\n")
                .append("<p>Server clock: <code>").append(escape(control.clock().instant().toString()))
                .append("</code>. Control API under <code>/_sandbox/</code>.</p>\n");
        owners(html, owners);
        pending(html);
        documents(html, owners);
        html.append("<h2>Webhook deliveries</h2>\n<section id=\"webhook-deliveries\">");
        Supplier<String> deliveries = sections.get("webhook-deliveries");
        html.append(deliveries == null ? "<p>Not shown yet: the deliveries and their attempts are listed here once"
                + " the webhook delivery log is wired in.</p>" : deliveries.get());
        html.append("</section>\n");
        requests(html);
        html.append(SCRIPT).append("</body></html>\n");
        return html.toString();
    }

    private static void owners(StringBuilder html, List<OwnerDocuments> owners) {
        html.append("<h2>Owners</h2>\n<table id=\"owners\"><tr><th>Kind</th><th>Id</th><th>Status</th>")
                .append("<th>Documents</th><th>Pending</th></tr>\n");
        for (OwnerDocuments o : owners) {
            String status = o.owner().status().wire();
            html.append("<tr data-owner-id=\"").append(escape(o.owner().id().value())).append("\"><td>")
                    .append(escape(o.owner().id().kind())).append("</td><td><code>")
                    .append(escape(o.owner().id().value())).append("</code></td><td class=\"status ")
                    .append(escape(status)).append("\">").append(escape(status)).append("</td><td>")
                    .append(o.documents().size()).append("</td><td>").append(o.pendingCount())
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private void pending(StringBuilder html) {
        html.append("<h2>Pending documents</h2>\n<table id=\"pending\"><tr><th>Document</th><th>Owner</th>")
                .append("<th>Type</th><th>Uploaded</th><th>Decision</th></tr>\n");
        for (Document d : control.pendingDocuments()) {
            String id = escape(d.id().value());
            html.append("<tr data-document-id=\"").append(id).append("\"><td><code>").append(id)
                    .append("</code></td><td><code>")
                    .append(escape(d.owner().map(o -> o.value()).orElse(""))).append("</code></td><td>")
                    .append(escape(d.type().wire())).append("</td><td>").append(escape(d.created().toString()))
                    .append("</td><td><button class=\"accept\" data-document-id=\"").append(id)
                    .append("\">Accept</button><fieldset class=\"reasons\"><legend>Failure reasons (the first")
                    .append(" checked is <code>failureReason</code>)</legend>");
            for (KnownFailureReason k : KnownFailureReason.values()) {
                FailureReason r = k.reason();
                html.append("<label title=\"").append(escape(r.description())).append("\"><input type=\"checkbox\"")
                        .append(" class=\"reason\" value=\"").append(escape(r.reason())).append("\">")
                        .append(escape(r.reason())).append("</label> ");
            }
            html.append("</fieldset><button class=\"reject\" data-document-id=\"").append(id)
                    .append("\">Reject</button></td></tr>\n");
        }
        html.append("</table>\n<p id=\"message\" role=\"status\"></p>\n");
    }

    private static void documents(StringBuilder html, List<OwnerDocuments> owners) {
        html.append("<h2>Documents</h2>\n<table id=\"documents\"><tr><th>Document</th><th>Owner</th>")
                .append("<th>Type</th><th>Status</th><th>Failure reasons</th><th>Uploaded</th></tr>\n");
        owners.stream().flatMap(o -> o.documents().stream()).sorted(Document.NEWEST_FIRST).forEach(d -> {
            String state = d.isPending() ? "pending" : d.allFailureReasons().isEmpty() ? "verified" : "rejected";
            html.append("<tr data-document-id=\"").append(escape(d.id().value())).append("\"><td><code>")
                    .append(escape(d.id().value())).append("</code></td><td><code>")
                    .append(escape(d.owner().map(o -> o.value()).orElse(""))).append("</code></td><td>")
                    .append(escape(d.type().wire())).append("</td><td class=\"").append(state).append("\">")
                    .append(escape(d.status().wire() + " / " + d.verificationStatus().wire())).append("</td><td>")
                    .append(escape(String.join(", ", d.allFailureReasons().stream().map(FailureReason::reason)
                            .toList())))
                    .append("</td><td>").append(escape(d.created().toString())).append("</td></tr>\n");
        });
        html.append("</table>\n");
    }

    private void requests(StringBuilder html) {
        html.append("<h2>Recent requests</h2>\n<table id=\"requests\"><tr><th>At</th><th>Method</th><th>Path</th>")
                .append("<th>Status</th><th>Bytes</th></tr>\n");
        List<RecordedRequest> recent = control.journal(RECENT_REQUESTS);
        for (int i = recent.size() - 1; i >= 0; i--) {
            RecordedRequest r = recent.get(i);
            html.append("<tr><td>").append(escape(r.at().toString())).append("</td><td>")
                    .append(escape(r.method())).append("</td><td><code>").append(escape(r.path()))
                    .append("</code></td><td>").append(r.answered() ? Integer.toString(r.status()) : "no answer")
                    .append("</td><td>").append(r.bodyBytes()).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    /** {@code text} safe inside HTML text and double-quoted attributes. */
    public static String escape(String text) {
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String SCRIPT = """
            <script>
            async function review(id, body) {
              const answer = await fetch('/_sandbox/documents/' + encodeURIComponent(id) + '/review', {
                method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
              if (answer.ok) { location.reload(); return; }
              const error = await answer.json().catch(() => ({message: answer.statusText}));
              document.getElementById('message').textContent = 'Refused: ' + error.message;
            }
            for (const b of document.querySelectorAll('button.accept')) {
              b.addEventListener('click', () => review(b.dataset.documentId, {decision: 'accepted'}));
            }
            for (const b of document.querySelectorAll('button.reject')) {
              b.addEventListener('click', () => {
                const reasons = [...b.parentElement.querySelectorAll('input.reason:checked')].map((c) => c.value);
                if (reasons.length === 0) {
                  document.getElementById('message').textContent = 'Check at least one failure reason to reject.';
                  return;
                }
                review(b.dataset.documentId, {decision: 'rejected', reasons});
              });
            }
            </script>
            """;
}
