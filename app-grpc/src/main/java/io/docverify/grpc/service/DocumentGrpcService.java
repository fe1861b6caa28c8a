package io.docverify.grpc.service;

import io.docverify.domain.DocumentId;
import io.docverify.grpc.security.Caller;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentResponse;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentHistoryRequest;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentHistoryResponse;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentsRequest;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentsResponse;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentResponse;
import io.docverify.grpc.v1.DocumentServiceProto.WatchDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.WatchDocumentResponse;
import io.docverify.grpc.v1.DocumentServiceProto.WatchEventsRequest;
import io.docverify.grpc.v1.DocumentServiceProto.WatchEventsResponse;
import io.docverify.ports.in.GetDocumentUseCase;
import io.docverify.ports.in.HistoryRequest;
import io.docverify.ports.in.ListDocumentsUseCase;
import io.docverify.ports.in.ListHistoryUseCase;
import io.docverify.ports.in.UploadDocumentUseCase;
import io.docverify.ports.in.WatchDocumentUseCase;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@code docverify.v1.DocumentService} over the inbound ports. */
public final class DocumentGrpcService extends DocumentServiceGrpc.DocumentServiceImplBase {
    private final UploadDocumentUseCase uploads;
    private final GetDocumentUseCase documents;
    private final ListDocumentsUseCase lists;
    private final WatchDocumentUseCase watches;
    private final ListHistoryUseCase history;
    private final UploadGuards uploadGuards;
    private final EventStreams events;
    private final Set<WatchCall> activeWatches = ConcurrentHashMap.newKeySet();
    private final Set<OpenUpload> openUploads = ConcurrentHashMap.newKeySet();

    /** An upload between its start and its end, so that a shutdown can end it (the call is set once started). */
    private static final class OpenUpload {
        private volatile UploadCall call;
    }

    /**
     * @param uploadGuards the upload slots, each key's share of them, and each upload's time limits, minimum rate
     *                     and message bound
     * @param events       the WatchEvents streams
     * @param history      ListDocumentHistory's reads of the journal
     */
    public DocumentGrpcService(UploadDocumentUseCase uploads, GetDocumentUseCase documents,
            ListDocumentsUseCase lists, WatchDocumentUseCase watches, UploadGuards uploadGuards,
            EventStreams events, ListHistoryUseCase history) {
        this.history = Objects.requireNonNull(history, "history");
        this.events = Objects.requireNonNull(events, "events");
        this.uploadGuards = Objects.requireNonNull(uploadGuards, "uploadGuards");
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.documents = Objects.requireNonNull(documents, "documents");
        this.lists = Objects.requireNonNull(lists, "lists");
        this.watches = Objects.requireNonNull(watches, "watches");
    }

    @Override
    public StreamObserver<UploadDocumentRequest> uploadDocument(StreamObserver<UploadDocumentResponse> observer) {
        // No slot yet: the call takes one once it has sent valid metadata (UploadGuard).
        var open = new OpenUpload();
        openUploads.add(open); // before the start: the end may come before start returns
        StreamObserver<UploadDocumentRequest> call = UploadCall.start(observer, uploads, uploadGuards,
                Caller.current(), () -> openUploads.remove(open));
        open.call = (UploadCall) call;
        return call;
    }

    @Override
    public void getDocument(GetDocumentRequest request, StreamObserver<GetDocumentResponse> observer) {
        Replies.unary("get", observer,
                () -> documents.get(DocumentMessages.documentId(request.getDocumentId())),
                d -> GetDocumentResponse.newBuilder().setDocument(DocumentMessages.toProto(d)).build());
    }

    @Override
    public void listDocuments(ListDocumentsRequest request, StreamObserver<ListDocumentsResponse> observer) {
        Replies.unary("list", observer,
                () -> lists.list(DocumentMessages.owner(request)),
                list -> {
                    var b = ListDocumentsResponse.newBuilder().setTotal(list.total());
                    list.documents().forEach(d -> b.addDocuments(DocumentMessages.toProto(d)));
                    return b.build();
                });
    }

    @Override
    public void listDocumentHistory(ListDocumentHistoryRequest request,
            StreamObserver<ListDocumentHistoryResponse> observer) {
        HistoryRequest read;
        try {
            read = HistoryMessages.request(request);
        } catch (RuntimeException e) {
            Replies.fail("history", observer, e);
            return;
        }
        Replies.unary("history", observer, () -> history.history(read),
                page -> HistoryMessages.toProto(read.subject(), page));
    }

    @Override
    public void watchDocument(WatchDocumentRequest request, StreamObserver<WatchDocumentResponse> observer) {
        DocumentId id;
        try {
            id = DocumentMessages.documentId(request.getDocumentId());
        } catch (RuntimeException e) {
            Replies.fail("watch", observer, e);
            return;
        }
        WatchCall.start(watches.watch(id), observer, activeWatches);
    }

    @Override
    public void watchEvents(WatchEventsRequest request, StreamObserver<WatchEventsResponse> observer) {
        events.start(request, observer);
    }

    /** Uploads holding an upload slot now (for the gauge, tests and shutdown logs). */
    public int uploadsInProgress() {
        return uploadGuards.inProgress();
    }

    /** Watches open now. */
    public int activeWatches() {
        return activeWatches.size();
    }

    /**
     * Ends every open upload with UNAVAILABLE ({@code ServiceUnavailable}): the server is going away, the client
     * retries elsewhere with its idempotency key. For the end of a shutdown's grace.
     */
    public void closeUploads() {
        for (OpenUpload open : List.copyOf(openUploads)) {
            UploadCall call = open.call;
            if (call != null) {
                call.shutdown();
            }
        }
    }

    /**
     * Ends every open watch and event stream with UNAVAILABLE, so that clients watch again on another server (event
     * streams after their last event).
     */
    public void closeWatches() {
        List.copyOf(activeWatches).forEach(WatchCall::shutdown);
        events.closeStreams();
    }
}
