package io.docverify.dwollaserver;

import io.docverify.adapter.inmemory.InMemoryDwolla;
import io.docverify.adapter.inmemory.SandboxEvent;
import io.docverify.domain.OwnerDocuments;
import io.docverify.domain.upload.UploadLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What {@code --state FILE} keeps across a restart ({@link StateFile}): the owners with the profile fields the
 * sandbox serves and their statuses, their documents (ids, types, states, failure reasons, creation times) and the
 * SHA-256 of each file (Dwolla's duplicate rule), the event log within its retention, and the webhook
 * subscriptions with their secrets. Not kept: file bytes (never served back), idempotency keys, tokens, the
 * webhook history, the journal, queued faults and the clock's offset.
 */
final class SandboxState {
    /** What a file held or a save wrote. */
    record Counts(int owners, int documents, int events, int subscriptions) {
        @Override
        public String toString() {
            return owners + " owners, " + documents + " documents, " + events + " events, " + subscriptions
                    + " webhook subscriptions";
        }
    }

    private final InMemoryDwolla backend;
    private final UploadLimits limits;
    private final OwnerProfiles profiles;
    private final WebhookStore webhooks;
    private final Clock clock;
    private final Supplier<String> accountId;
    private final Consumer<String> restoreAccountId;

    SandboxState(InMemoryDwolla backend, UploadLimits limits, OwnerProfiles profiles, WebhookStore webhooks,
            Clock clock, Supplier<String> accountId, Consumer<String> restoreAccountId) {
        this.accountId = accountId;
        this.restoreAccountId = restoreAccountId;
        this.backend = backend;
        this.limits = limits;
        this.profiles = profiles;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /** Writes the state to {@code file} atomically. */
    Counts save(Path file) throws IOException {
        List<OwnerDocuments> owners = backend.owners();
        List<SandboxEvent> events = backend.events().all();
        List<WebhookStore.Stored> subscriptions = webhooks.stored();
        StateFile.write(file, g -> {
            g.writeStringField("savedAt", clock.instant().toString());
            g.writeStringField("accountId", accountId.get());
            g.writeArrayFieldStart("owners");
            for (OwnerDocuments owner : owners) {
                g.writeTree(StateJson.owner(owner, profiles.known(owner.owner().id().value())));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("events");
            for (SandboxEvent event : events) {
                g.writeTree(StateJson.event(event));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("webhookSubscriptions");
            for (WebhookStore.Stored subscription : subscriptions) {
                g.writeTree(StateJson.subscription(subscription));
            }
            g.writeEndArray();
        });
        return new Counts(owners.size(), owners.stream().mapToInt(o -> o.documents().size()).sum(), events.size(),
                subscriptions.size());
    }

    /**
     * Restores the state in {@code file} into the (empty) sandbox; nothing if there is no file.
     *
     * @throws IllegalArgumentException with a one-line message if the file cannot be restored
     */
    Counts restore(Path file) {
        List<OwnerDocuments> owners = new ArrayList<>();
        Map<String, OwnerProfiles.Profile> ownerProfiles = new LinkedHashMap<>();
        List<SandboxEvent> events = new ArrayList<>();
        List<WebhookStore.Stored> subscriptions = new ArrayList<>();
        String[] account = new String[1];
        boolean found = StateFile.read(file, (section, element) -> {
            switch (section) {
                case "owners" -> {
                    OwnerDocuments owner = StateJson.ownerDocuments(element, limits);
                    owners.add(owner);
                    StateJson.profile(element).ifPresent(p -> ownerProfiles.put(owner.owner().id().value(), p));
                }
                case "events" -> events.add(StateJson.event(element));
                case "webhookSubscriptions" -> subscriptions.add(StateJson.subscription(element));
                case "accountId" -> account[0] = java.util.UUID.fromString(element.asText()).toString();
                default -> { } // a section this version does not know is skipped
            }
        });
        if (!found) {
            return new Counts(0, 0, 0, 0);
        }
        try {
            backend.restore(owners);
            webhooks.restore(subscriptions);
        } catch (IllegalArgumentException | IllegalStateException refused) {
            throw new IllegalArgumentException("state file " + file + " cannot be restored: " + refused.getMessage());
        }
        if (account[0] != null) {
            restoreAccountId.accept(account[0]);
        }
        ownerProfiles.forEach(profiles::restore);
        backend.events().restore(events);
        return new Counts(owners.size(), owners.stream().mapToInt(o -> o.documents().size()).sum(),
                backend.events().size(), subscriptions.size());
    }
}
