package io.docverify.grpc.service;

import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.error.FieldError;
import java.time.Duration;
import java.util.Objects;

/**
 * Why an upload guard ended or refused an upload, and the typed error its client gets. {@link Reason#tag()} is the
 * {@code reason} tag of the {@code docverify.uploads.refused} counter.
 */
record UploadRefusal(Reason reason, DocumentError error) {
    /** The kinds of refusal, each a metric tag. */
    enum Reason {
        /** Every upload slot is taken: TooManyRequests. */
        SLOTS_FULL("slots-full"),
        /** The caller's key holds its share of the slots: TooManyRequests. */
        KEY_SHARE("key-share"),
        /** No metadata within the first-message limit: RequestTimeout. */
        FIRST_MESSAGE_TIMEOUT("first-message-timeout"),
        /** No message within the idle limit while the server waited: RequestTimeout. */
        IDLE_TIMEOUT("idle-timeout"),
        /** Below the minimum rate after the grace: RequestTimeout. */
        TOO_SLOW("too-slow"),
        /** Not answered within the whole-upload limit: RequestTimeout. */
        UPLOAD_TIMEOUT("upload-timeout"),
        /** More messages than an upload may have: ValidationError on {@code /chunk}. */
        TOO_MANY_MESSAGES("too-many-messages");

        private final String tag;

        Reason(String tag) {
            this.tag = tag;
        }

        String tag() {
            return tag;
        }
    }

    UploadRefusal {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(error, "error");
    }

    static UploadRefusal slotsFull(int slots) {
        return new UploadRefusal(Reason.SLOTS_FULL, DocumentError.of(ErrorCode.TOO_MANY_REQUESTS,
                "Too many uploads in progress (at most " + slots + " at once); retry with backoff."));
    }

    static UploadRefusal keyShare(int share) {
        return new UploadRefusal(Reason.KEY_SHARE, DocumentError.of(ErrorCode.TOO_MANY_REQUESTS,
                "Too many uploads in progress with this API key (at most " + share + " at once, so that other "
                        + "keys keep their share); retry with backoff."));
    }

    static UploadRefusal firstMessageTimeout(Duration limit) {
        return new UploadRefusal(Reason.FIRST_MESSAGE_TIMEOUT, DocumentError.of(ErrorCode.REQUEST_TIMEOUT,
                "The upload sent no metadata within " + show(limit) + " of its start."));
    }

    static UploadRefusal idleTimeout(Duration limit) {
        return new UploadRefusal(Reason.IDLE_TIMEOUT, DocumentError.of(ErrorCode.REQUEST_TIMEOUT,
                "No message for " + show(limit) + " while the server was waiting for the next one."));
    }

    static UploadRefusal tooSlow(int minBytesPerSecond, long bytes, long waitedNanos) {
        return new UploadRefusal(Reason.TOO_SLOW, DocumentError.of(ErrorCode.REQUEST_TIMEOUT,
                "The upload fell below the minimum rate of " + minBytesPerSecond + " bytes/s (" + bytes
                        + " bytes in " + show(Duration.ofNanos(waitedNanos)) + ")."));
    }

    static UploadRefusal uploadTimeout(Duration limit) {
        return new UploadRefusal(Reason.UPLOAD_TIMEOUT, DocumentError.of(ErrorCode.REQUEST_TIMEOUT,
                "The upload did not complete within " + show(limit) + "."));
    }

    static UploadRefusal tooManyMessages(int limit) {
        return new UploadRefusal(Reason.TOO_MANY_MESSAGES, DocumentError.validation(FieldError.INVALID, "/chunk",
                "An upload may have at most " + limit + " messages in all; send larger chunks (up to 1 MiB)."));
    }

    /** {@code 300 ms} below a second, else whole seconds with up to one decimal ({@code 10 s}, {@code 2.5 s}). */
    static String show(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return millis % 1000 == 0 ? (millis / 1000) + " s"
                : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
