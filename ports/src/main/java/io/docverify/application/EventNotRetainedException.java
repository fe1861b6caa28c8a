package io.docverify.application;

import java.util.Optional;

/**
 * A subscription asked to resume after an event the {@link ServiceEventLog} does not hold: an id it never had
 * (another process, a typo), or one that aged out or was pushed out by the count cap. The client may have missed
 * events: it reads the state it cares about again and then follows from now (or from the oldest retained event).
 */
public final class EventNotRetainedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Optional<String> oldestRetained;

    EventNotRetainedException(Optional<String> oldestRetained) {
        super("The event to resume after is not retained (unknown, or older than the log keeps); events may have "
                + "been missed: read the state again, then watch from now or from the oldest retained event.");
        this.oldestRetained = oldestRetained;
    }

    /** The oldest event the log still holds, if it holds any. */
    public Optional<String> oldestRetained() {
        return oldestRetained;
    }
}
