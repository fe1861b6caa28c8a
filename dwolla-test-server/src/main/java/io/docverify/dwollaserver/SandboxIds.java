package io.docverify.dwollaserver;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Ids as Dwolla compares them: a UUID in any case is the same id ({@code 1de32eC7-...} in Dwolla's own samples is
 * {@code 1de32ec7-...}), so the server keeps and looks up UUIDs in lower case; any other id is kept as it is.
 */
final class SandboxIds {
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private SandboxIds() {
    }

    /** The id as the server keeps it: a UUID in lower case, anything else unchanged ({@code null} stays null). */
    static String canonical(String id) {
        return id != null && UUID.matcher(id).matches() ? id.toLowerCase(Locale.ROOT) : id;
    }
}
