package io.docverify.grpc.service;

import io.docverify.domain.error.FieldError;
import io.docverify.ports.out.HistoryQuery;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * ListDocumentHistory's {@code page_token}: opaque to clients, it holds the journal sequence the next page starts
 * after, and a check of the document or owner it was issued for, so that a token used with another subject is
 * refused instead of silently skipping that subject's older entries. The form is base64url (no padding) of
 * {@code h1.<sequence>.<crc32 of the subject, 8 hex digits>}; {@code h1} is its version.
 */
final class HistoryPageToken {
    /** Longer than any token this class issues: a longer one is refused before it is decoded. */
    static final int MAX_LENGTH = 64;

    private static final Pattern FORM = Pattern.compile("h1\\.([1-9][0-9]{0,18})\\.([0-9a-f]{8})");
    private static final String PATH = "/pageToken";

    private HistoryPageToken() {
    }

    /** The token of the page after {@code sequence} of {@code subject}'s history. */
    static String encode(HistoryQuery.Subject subject, long sequence) {
        if (sequence < 1) {
            throw new IllegalArgumentException("a next page starts after an entry's sequence: " + sequence);
        }
        String plain = "h1." + sequence + "." + check(subject);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The sequence {@code token} says the next page starts after: 0 for an empty token (the first page). A token
     * this service did not issue, or issued for another subject, is a {@code ValidationError} on
     * {@code /pageToken}.
     */
    static long decode(HistoryQuery.Subject subject, String token) {
        if (token.isEmpty()) {
            return 0;
        }
        Matcher m = token.length() > MAX_LENGTH ? null : FORM.matcher(plain(token));
        if (m == null || !m.matches()) {
            throw malformed();
        }
        long sequence;
        try {
            sequence = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw malformed();
        }
        if (!m.group(2).equals(check(subject))) {
            throw DocumentMessages.invalid(FieldError.INVALID, PATH, "page_token was issued for another "
                    + "document_id or owner: send it with the request it came from, or none for a first page.");
        }
        return sequence;
    }

    private static String plain(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static RuntimeException malformed() {
        return DocumentMessages.invalid(FieldError.INVALID_FORMAT, PATH, "page_token is not a token this service "
                + "issued: send the next_page_token of the previous answer unchanged, or none for the first page.");
    }

    private static String check(HistoryQuery.Subject subject) {
        String key = subject instanceof HistoryQuery.OfDocument d ? "document:" + d.document().value()
                : ((HistoryQuery.OfOwner) subject).owner().kind() + ":" + ((HistoryQuery.OfOwner) subject).owner()
                        .value();
        var crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }
}
