package io.docverify.grpc.service;

import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentRequest;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The guards of one upload call, as {@link UploadCall} sees them: the call's clocks and message count
 * ({@link UploadPacing}) from its start, its upload slot ({@link UploadAdmission}) from its metadata on, and the
 * count of every refusal. The hooks are the call's events: a request for messages, a message, valid metadata, the
 * end of the input, the end of the call.
 */
final class UploadGuard {
    private final UploadGuards shared;
    private final String caller;
    private final UploadPacing pacing;
    // Guarded by this: a call may be cut (timer thread) while its metadata is being admitted (gRPC thread).
    private UploadAdmission.Permit permit;
    private boolean closed;

    UploadGuard(UploadGuards shared, String caller, Consumer<UploadRefusal> onCut) {
        this.shared = shared;
        this.caller = caller;
        this.pacing = shared.pacing(refusal -> {
            shared.count(refusal, caller);
            onCut.accept(refusal);
        });
        pacing.start();
    }

    /** The call asks gRPC for {@code n} more messages. */
    void requested(int n) {
        pacing.requested(n);
    }

    /** A message arrived; a refusal if the call must end. */
    Optional<UploadRefusal> received(UploadDocumentRequest message) {
        int bytes = message.getPayloadCase() == UploadDocumentRequest.PayloadCase.CHUNK
                ? message.getChunk().size() : 0;
        return counted(pacing.received(bytes));
    }

    /** The metadata is valid: a slot for the call (none once the call is over), or the refusal. */
    synchronized Optional<UploadRefusal> admit() {
        if (closed) {
            return Optional.empty();
        }
        UploadAdmission.Outcome outcome = shared.admission().admit(caller);
        if (outcome instanceof UploadAdmission.Refused refused) {
            return counted(Optional.of(refused.refusal()));
        }
        permit = (UploadAdmission.Permit) outcome;
        pacing.admitted();
        return Optional.empty();
    }

    /** The client declared the file complete. */
    void inputEnded() {
        pacing.inputEnded();
    }

    /** The call is over: its clocks stop and its slot, if it had one, is free. Idempotent. */
    synchronized void close() {
        closed = true;
        pacing.stop();
        if (permit != null) {
            permit.release();
        }
    }

    private Optional<UploadRefusal> counted(Optional<UploadRefusal> refusal) {
        refusal.ifPresent(r -> shared.count(r, caller));
        return refusal;
    }
}
