package io.docverify.grpc.load;

import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentProto.DocumentType;
import io.docverify.grpc.v1.DocumentServiceProto.UploadMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** What the 64 clients share and record during the run; read by the assertions afterwards. */
final class LoadState {
    /** An owner of the shared set. */
    record Owner(String id, boolean customer) {
        UploadMetadata.Builder metadata() {
            var b = UploadMetadata.newBuilder();
            return customer ? b.setCustomerId(id) : b.setBeneficialOwnerId(id);
        }

        boolean owns(Document d) {
            return customer ? d.getCustomerId().equals(id) : d.getBeneficialOwnerId().equals(id);
        }
    }

    /** One exact upload request: any client may send it; with a key, all successes must return one document. */
    record Request(Owner owner, DocumentType type, byte[] file, String key) {
        UploadMetadata metadata() {
            var b = owner.metadata().setDocumentType(type).setFileName("scan.bin");
            return (key == null ? b : b.setIdempotencyKey(key)).build();
        }
    }

    /** An acknowledged upload: the document the service said it created for the request. */
    record Ack(String documentId, Request request) {
    }

    final List<Owner> owners;
    /** Requests under idempotency keys that several clients send, possibly at the same time. */
    final List<Request> contested;

    /** Every acknowledged upload, in acknowledgement order (replays too). */
    final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    /** The request that first created each acknowledged document. */
    final Map<String, Request> requestOf = new ConcurrentHashMap<>();
    /** Acknowledged document ids per owner, for gets and reviews. */
    final Map<Owner, List<String>> documentsOf = new ConcurrentHashMap<>();
    /** Every observation of every document, from any client, in no particular order. */
    final Map<String, ConcurrentLinkedQueue<Seen>> observations = new ConcurrentHashMap<>();
    /** The one successful review of each document, as the review answer said. */
    final Map<String, Seen> reviews = new ConcurrentHashMap<>();
    /** Documents reviewed successfully more than once (must stay empty). */
    final ConcurrentLinkedQueue<String> reviewedTwice = new ConcurrentLinkedQueue<>();
    /** Successful documents per idempotency key. */
    final Map<String, Set<String>> documentsByKey = new ConcurrentHashMap<>();
    /** Invariant breaches seen by clients during the run (must stay empty). */
    final ConcurrentLinkedQueue<String> breaches = new ConcurrentLinkedQueue<>();
    /** The pending counts seen in owners' lists during the run. */
    final ConcurrentLinkedQueue<Integer> listedPending = new ConcurrentLinkedQueue<>();
    /** Ordered paths seen by watch streams. */
    final ConcurrentLinkedQueue<WatchPath> watchPaths = new ConcurrentLinkedQueue<>();

    record WatchPath(String documentId, List<Seen> path, String end) {
    }

    final Outcomes outcomes = new Outcomes();

    LoadState(List<Owner> owners, List<Request> contested) {
        this.owners = List.copyOf(owners);
        this.contested = List.copyOf(contested);
        owners.forEach(o -> documentsOf.put(o, java.util.Collections.synchronizedList(new ArrayList<>())));
    }

    void observe(Document d) {
        observations.computeIfAbsent(d.getId(), k -> new ConcurrentLinkedQueue<>()).add(Seen.of(d));
    }

    void acknowledged(Request request, Document d) {
        acks.add(new Ack(d.getId(), request));
        requestOf.putIfAbsent(d.getId(), request);
        if (request.key() != null) {
            documentsByKey.computeIfAbsent(request.key(), k -> ConcurrentHashMap.newKeySet()).add(d.getId());
        }
        List<String> ofOwner = documentsOf.get(request.owner());
        synchronized (ofOwner) {
            if (!ofOwner.contains(d.getId())) {
                ofOwner.add(d.getId());
            }
        }
        observe(d);
    }

    /** A random acknowledged document of the owner, if it has one. */
    String someDocumentOf(Owner owner, Random random) {
        List<String> ofOwner = documentsOf.get(owner);
        synchronized (ofOwner) {
            return ofOwner.isEmpty() ? null : ofOwner.get(random.nextInt(ofOwner.size()));
        }
    }

    Owner someOwner(Random random) {
        return owners.get(random.nextInt(owners.size()));
    }
}
