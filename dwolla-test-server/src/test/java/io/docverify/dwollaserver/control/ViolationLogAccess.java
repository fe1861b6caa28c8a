package io.docverify.dwollaserver.control;

/** Opens {@link ViolationLog#key} to tests of another package. */
public final class ViolationLogAccess {
    private ViolationLogAccess() {
    }

    public static String key(String message) {
        return ViolationLog.key(message);
    }
}
