package io.docverify.grpc;

/**
 * The lines every end-to-end client in another language prints for the flow they share (NodeClientIT,
 * PythonClientIT): seed, upload in 64 KiB chunks with {@code finish}, watch, review, read back, typed errors from
 * {@code ErrorInfo}. A client prints more lines of its own.
 */
final class ClientFlow {
    /** The shared flow's lines, in the order the clients print them. */
    static final String[] LINES = {
            "uploaded document", "DOCUMENT_STATUS_PENDING in 4 chunks",
            "watch: DOCUMENT_STATUS_PENDING VERIFICATION_STATUS_PENDING",
            "reviewed: VERIFICATION_STATUS_ACCEPTED",
            "watch: DOCUMENT_STATUS_REVIEWED VERIFICATION_STATUS_ACCEPTED",
            "watch: ended",
            "get agrees: DOCUMENT_STATUS_REVIEWED VERIFICATION_STATUS_ACCEPTED",
            "owner: CUSTOMER_STATUS_VERIFIED",
            "error: gif -> INVALID_ARGUMENT invalidFileType",
            "error: unknown customer -> NOT_FOUND notFound",
            "error: wrong api key -> UNAUTHENTICATED",
            "e2e OK"};

    private ClientFlow() {
    }
}
