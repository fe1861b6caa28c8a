package io.docverify.adapter.postgres;

/** The database's schema is newer than this code's migrations: the stores refuse to start on it. */
public final class SchemaTooNewException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    SchemaTooNewException(String message) {
        super(message);
    }
}
