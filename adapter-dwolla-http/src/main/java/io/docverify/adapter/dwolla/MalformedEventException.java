package io.docverify.adapter.dwolla;

/**
 * A Dwolla event body that {@link DwollaEventJson} cannot read: too large, not JSON, or a field missing or of the
 * wrong type. The message names the field (or the position of a JSON syntax error), never the body's content.
 */
public final class MalformedEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** With a message that names what is wrong, never the body. */
    public MalformedEventException(String message) {
        super(message);
    }
}
