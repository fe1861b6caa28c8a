package io.docverify.adapter.inmemory.properties;

import io.docverify.adapter.inmemory.InMemoryDwolla;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.ports.stream.Completions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * What the in-memory Dwolla shows through its public API at one moment: each scenario owner's status and
 * listed documents. An owner that does not exist must answer {@code notFound}, and is left out.
 *
 * @param owners per owner: its status (wire) and its documents as listed
 */
record Snapshot(Map<OwnerRef, OwnerView> owners) {

    /** One owner as listed. */
    record OwnerView(String status, List<Document> documents) {
        OwnerView {
            documents = List.copyOf(documents);
        }
    }

    static Snapshot take(InMemoryDwolla dwolla) {
        var owners = new LinkedHashMap<OwnerRef, OwnerView>();
        for (OwnerRef ref : OwnerRef.values()) {
            OwnerId id = ref.id();
            Optional<String> status = orNotFound(dwolla.owner(id)).map(o -> o.status().wire());
            if (status.isEmpty()) {
                if (ref.exists()) {
                    throw new AssertionError(ref + " was created but is not found");
                }
                if (orNotFound(dwolla.list(id)).isPresent()) {
                    throw new AssertionError(ref + " is not found but lists documents");
                }
                continue;
            }
            owners.put(ref, new OwnerView(status.get(), orNotFound(dwolla.list(id)).orElseThrow().documents()));
        }
        return new Snapshot(owners);
    }

    /** Every listed document, by id (the first of a repeated id wins; the invariants report repeats). */
    Map<DocumentId, Document> documentsById() {
        var byId = new LinkedHashMap<DocumentId, Document>();
        owners.values().forEach(v -> v.documents().forEach(d -> byId.putIfAbsent(d.id(), d)));
        return byId;
    }

    /** The value of a stage that is complete, or empty if it failed with {@code notFound}. */
    static <T> Optional<T> orNotFound(CompletionStage<T> stage) {
        try {
            return Optional.of(stage.toCompletableFuture().join());
        } catch (CompletionException e) {
            if (Completions.unwrap(e) instanceof DocumentException d && d.code() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
