package io.docverify.dwollaserver;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each OpenAPI violation as it happens: one WARN line with the route and the validator's message key (e.g.
 * {@code validation.response.body.schema.required}), never the message text, a path, a header or a body (they may
 * hold ids, names or tokens). The whole message is in {@code GET /_sandbox/openapi-violations}.
 */
final class ViolationLog {
    private static final Logger LOG = LoggerFactory.getLogger(ViolationLog.class);
    private static final Pattern KEY = Pattern.compile("validation(?:\\.[A-Za-z0-9_-]+)+");

    private ViolationLog() {
    }

    /** Logs one violation of {@code route} (an enum name); {@code message} only yields its key. */
    static void warn(String route, String message) {
        LOG.warn("OpenAPI violation on {} ({}): {}", route, message.startsWith("response") ? "response" : "request",
                key(message));
    }

    /** The validator's message key in {@code message}, or {@code unknown}. */
    static String key(String message) {
        Matcher m = KEY.matcher(message);
        return m.find() ? m.group() : "unknown";
    }
}
