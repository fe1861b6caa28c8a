package io.docverify.dwollaserver;

import io.docverify.adapter.inmemory.InMemoryDwolla;
import io.docverify.adapter.inmemory.SandboxEvent;
import io.docverify.domain.OwnerDocuments;
import io.docverify.domain.upload.UploadLimits;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

    /** What one save writes, taken at one moment (the lists are copies). */
    record Snapshot(String accountId, List<OwnerDocuments> owners, List<SandboxEvent> events,
            List<WebhookStore.Stored> subscriptions) {
        Counts counts() {
            return new Counts(owners.size(), owners.stream().mapToInt(o -> o.documents().size()).sum(),
                    events.size(), subscriptions.size());
        }
    }

    /** The state now. */
    Snapshot snapshot() {
        return new Snapshot(accountId.get(), backend.owners(), backend.events().all(), webhooks.stored());
    }

    /**
     * The SHA-256 of what {@code snapshot} would write, but the save's time: two snapshots of an unchanged sandbox
     * have the same digest. Computed by streaming the JSON into the digest (nothing is kept in memory).
     */
    byte[] digest(Snapshot snapshot) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), sha256);
                    JsonGenerator g = StateFile.MAPPER.getFactory().createGenerator(sink)) {
                g.writeStartObject();
                body(g, snapshot);
                g.writeEndObject();
            }
            return sha256.digest();
        } catch (IOException | NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Writes the state to {@code file} atomically. */
    Counts save(Path file) throws IOException {
        return save(file, snapshot());
    }

    /** Writes {@code snapshot} to {@code file} atomically. */
    Counts save(Path file, Snapshot snapshot) throws IOException {
        StateFile.write(file, g -> {
            g.writeStringField("savedAt", clock.instant().toString());
            body(g, snapshot);
        });
        return snapshot.counts();
    }

    private void body(JsonGenerator g, Snapshot snapshot) throws IOException {
        g.writeStringField("accountId", snapshot.accountId());
        g.writeArrayFieldStart("owners");
        for (OwnerDocuments owner : snapshot.owners()) {
            g.writeTree(StateJson.owner(owner, profiles.known(owner.owner().id().value())));
        }
        g.writeEndArray();
        g.writeArrayFieldStart("events");
        for (SandboxEvent event : snapshot.events()) {
            g.writeTree(StateJson.event(event));
        }
        g.writeEndArray();
        g.writeArrayFieldStart("webhookSubscriptions");
        for (WebhookStore.Stored subscription : snapshot.subscriptions()) {
            g.writeTree(StateJson.subscription(subscription));
        }
        g.writeEndArray();
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
