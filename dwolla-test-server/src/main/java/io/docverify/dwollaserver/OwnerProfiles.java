package io.docverify.dwollaserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the sandbox keeps of the owners created over HTTP beyond what the backend keeps (id, type, status): the
 * fields Dwolla echoes back on {@code GET /customers/{id}} and {@code GET /beneficial-owners/{id}} (names, email,
 * address, creation time). Never logged. Bounded by the backend's one cap, {@code InMemoryConfig.maxOwners}: the
 * backend refuses the owner beyond it ({@code 400 MaxNumberOfResources}) before a profile is kept, so there are never
 * more profiles than owners. An owner seeded through {@link DwollaTestServer#sandbox()} gets a placeholder profile
 * (Jane / John Doe) on first read.
 */
final class OwnerProfiles {

    /**
     * The fields of one owner as Dwolla writes them.
     *
     * @param fields  the owner's fields as sent (only the ones the sandbox echoes), without {@code _links}, id, status
     * @param created when the sandbox created it
     * @param businessNamed for a business: true when only its {@code businessName} asked for documents (Dwolla's
     *                      {@code verify-business-with-document} link instead of {@code verify-with-document})
     */
    record Profile(ObjectNode fields, Instant created, boolean businessNamed) {
    }

    private final Map<String, Profile> profiles = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxProfiles;

    /** Profiles on {@code clock}, at most {@code maxProfiles} (the backend's {@code maxOwners}). */
    OwnerProfiles(Clock clock, int maxProfiles) {
        this.clock = clock;
        this.maxProfiles = maxProfiles;
    }

    /** False when the sandbox already holds as many profiles as it may hold owners. */
    private boolean hasRoom() {
        return profiles.size() < maxProfiles;
    }

    /** Keeps a new owner's profile (the backend has just accepted the owner, so there is room). */
    void put(String key, ObjectNode fields, boolean businessNamed) {
        if (hasRoom() || profiles.containsKey(key)) {
            profiles.put(key, new Profile(fields, clock.instant(), businessNamed));
        }
    }

    /** The profile kept for this owner, if one is (the state file keeps only those). */
    java.util.Optional<Profile> known(String key) {
        return java.util.Optional.ofNullable(profiles.get(key));
    }

    /** Puts a stored profile back (the state file), as it was. */
    void restore(String key, Profile profile) {
        if (hasRoom() || profiles.containsKey(key)) {
            profiles.put(key, profile);
        }
    }

    /** Forgets every profile (the sandbox's reset). */
    void clear() {
        profiles.clear();
    }

    /** The profile, or a placeholder (kept, so {@code created} stays the same) for an owner seeded otherwise. */
    Profile get(String key, java.util.function.Supplier<ObjectNode> placeholder) {
        Profile known = profiles.get(key);
        if (known != null || !hasRoom()) {
            return known != null ? known : new Profile(placeholder.get(), clock.instant(), false);
        }
        return profiles.computeIfAbsent(key, k -> new Profile(placeholder.get(), clock.instant(), false));
    }
}
