package io.docverify.grpc.service;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import io.docverify.application.EventNotRetainedException;
import io.docverify.application.ServiceEvent;
import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.OwnerId;
import io.docverify.domain.error.FieldError;
import io.docverify.grpc.error.ErrorMapping;
import io.docverify.grpc.v1.DocumentServiceProto.DocumentEvent;
import io.docverify.grpc.v1.DocumentServiceProto.EventKind;
import io.docverify.grpc.v1.DocumentServiceProto.WatchEventsRequest;
import io.docverify.grpc.v1.DocumentServiceProto.WatchEventsResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.Optional;

/** {@code WatchEvents}' messages: the request read, an event as proto, and the stream's two typed ends. */
final class EventMessages {
    /** The {@code ErrorInfo.reason} of a resume point the log does not hold (OUT_OF_RANGE). */
    static final String NOT_RETAINED = "eventNotRetained";
    /** The {@code ErrorInfo.reason} of a stream ended for falling behind (RESOURCE_EXHAUSTED). */
    static final String TOO_SLOW = "watchTooSlow";
    /** Longest {@code after_event_id} accepted (a Dwolla id is a 36-character UUID). */
    static final int MAX_EVENT_ID_LENGTH = 128;

    private EventMessages() {
    }

    /** The owner asked for; empty: every owner. */
    static Optional<OwnerId> owner(WatchEventsRequest request) {
        return switch (request.getOwnerCase()) {
            case CUSTOMER_ID -> Optional.of(new CustomerId(request.getCustomerId()));
            case BENEFICIAL_OWNER_ID -> Optional.of(new BeneficialOwnerId(request.getBeneficialOwnerId()));
            case OWNER_NOT_SET -> Optional.empty();
        };
    }

    /** The event to resume after, if any; a validation error on {@code /afterEventId} if too long. */
    static Optional<String> afterEventId(WatchEventsRequest request) {
        String id = request.getAfterEventId();
        if (id.length() > MAX_EVENT_ID_LENGTH) {
            throw DocumentMessages.invalid(FieldError.INVALID_FORMAT, "/afterEventId",
                    "afterEventId must be at most " + MAX_EVENT_ID_LENGTH + " characters.");
        }
        if (!id.isEmpty() && request.getFromOldest()) {
            throw DocumentMessages.invalid(FieldError.INVALID_FORMAT, "/fromOldest",
                    "fromOldest applies only without afterEventId.");
        }
        return id.isEmpty() ? Optional.empty() : Optional.of(id);
    }

    static WatchEventsResponse toProto(ServiceEvent event) {
        var b = DocumentEvent.newBuilder().setId(event.id())
                .setCreated(DocumentMessages.timestamp(event.created()))
                .setTopic(event.topic())
                .setKind(kind(event))
                .setResourceId(event.resourceId());
        event.owner().ifPresent(owner -> {
            if (owner instanceof CustomerId c) {
                b.setCustomerId(c.value());
            } else {
                b.setBeneficialOwnerId(owner.value());
            }
        });
        event.documentId().ifPresent(d -> b.setDocumentId(d.value()));
        return WatchEventsResponse.newBuilder().setEvent(b).build();
    }

    static EventKind kind(ServiceEvent event) {
        String topic = event.topic();
        if (event.documentId().isPresent()) {
            if (topic.endsWith("_document_uploaded")) {
                return EventKind.EVENT_KIND_DOCUMENT_UPLOADED;
            }
            if (topic.endsWith("_document_approved")) {
                return EventKind.EVENT_KIND_DOCUMENT_APPROVED;
            }
            if (topic.endsWith("_document_failed")) {
                return EventKind.EVENT_KIND_DOCUMENT_FAILED;
            }
            return EventKind.EVENT_KIND_UNSPECIFIED;
        }
        return event.owner().isPresent() ? EventKind.EVENT_KIND_OWNER_STATUS_CHANGED
                : EventKind.EVENT_KIND_UNSPECIFIED;
    }

    /** OUT_OF_RANGE, reason {@value #NOT_RETAINED}, with the oldest retained id as {@code oldestEventId}. */
    static StatusRuntimeException notRetained(EventNotRetainedException e) {
        var info = ErrorInfo.newBuilder().setReason(NOT_RETAINED).setDomain(ErrorMapping.DOMAIN);
        e.oldestRetained().ifPresent(id -> info.putMetadata("oldestEventId", id));
        return status(Status.Code.OUT_OF_RANGE, e.getMessage(), info.build());
    }

    /** RESOURCE_EXHAUSTED, reason {@value #TOO_SLOW}, with the last event sent as {@code lastEventId}. */
    static StatusRuntimeException tooSlow(Optional<String> lastSent, int queue) {
        var info = ErrorInfo.newBuilder().setReason(TOO_SLOW).setDomain(ErrorMapping.DOMAIN);
        lastSent.ifPresent(id -> info.putMetadata("lastEventId", id));
        return status(Status.Code.RESOURCE_EXHAUSTED, "The stream fell more than " + queue + " events behind; "
                + "watch again with after_event_id set to the last event received ("
                + lastSent.orElse("none received yet: watch again as before") + ").", info.build());
    }

    private static StatusRuntimeException status(Status.Code code, String message, ErrorInfo info) {
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder().setCode(code.value())
                .setMessage(message).addDetails(Any.pack(info)).build());
    }
}
