package io.docverify.domain.error;

import java.util.Objects;

/**
 * A {@link DocumentError} thrown at an edge: a value constructor given bad input, or a failed
 * {@code CompletionStage} of a port. Inside the model, refusals travel as values.
 */
public final class DocumentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient DocumentError error;

    public DocumentException(DocumentError error) {
        super(Objects.requireNonNull(error, "error").toString());
        this.error = error;
    }

    public DocumentException(DocumentError error, Throwable cause) {
        super(Objects.requireNonNull(error, "error").toString(), cause);
        this.error = error;
    }

    /** The refusal this exception carries. */
    public DocumentError error() {
        return error;
    }

    /** Shorthand for {@code error().code()}. */
    public ErrorCode code() {
        return error.code();
    }
}
