package io.docverify.adapter.inmemory.properties;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * What a property run actually exercised: every answer the steps got, every kind of event, every owner status
 * reached. A property whose generator never reaches a rule proves nothing about it, so each property asserts
 * its run covered the rules it claims to test.
 */
final class Coverage {
    private final Set<String> seen = new ConcurrentSkipListSet<>();

    /**
     * Records what a model state shows: its outcomes, its kinds of event, the statuses owners reached
     * ({@code status ->retry}) and the files that became documents ({@code uploaded file#9(png, 4096 B)}).
     */
    void record(ModelState state) {
        seen.addAll(state.outcomes().values());
        for (String e : state.events()) {
            if (e.startsWith("status ")) {
                seen.add("status ->" + e.substring(e.indexOf("->") + 2));
                continue;
            }
            seen.add(e.substring(0, e.indexOf(' ')));
            if (e.startsWith("uploaded ")) {
                seen.add(e.substring(0, e.indexOf(" of ")));
            }
        }
    }

    /** What was never seen of {@code expected}. */
    Set<String> missing(Set<String> expected) {
        var missing = new TreeSet<>(expected);
        missing.removeAll(seen);
        return missing;
    }

    @Override
    public String toString() {
        return seen.toString();
    }
}
