package io.docverify.ports.out;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A page of history from the {@link Journal}.
 *
 * @param entries oldest first
 * @param next    the cursor of the next page ({@link HistoryQuery#after(long)}) when this page is full, so more may
 *                follow; empty when this page is the last
 */
public record HistoryPage(List<JournalEntry> entries, OptionalLong next) {
    public HistoryPage {
        entries = List.copyOf(entries);
        Objects.requireNonNull(next, "next");
    }

    /** The page for {@code entries} read with {@code limit}: full pages point on at their last entry. */
    public static HistoryPage of(List<JournalEntry> entries, int limit) {
        return new HistoryPage(entries, entries.size() >= limit
                ? OptionalLong.of(entries.get(entries.size() - 1).sequence()) : OptionalLong.empty());
    }
}
