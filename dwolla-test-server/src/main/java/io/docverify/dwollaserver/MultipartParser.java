package io.docverify.dwollaserver;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A streaming {@code multipart/form-data} parser (RFC 7578) fed chunk by chunk: field parts (such as
 * {@code documentType}) are reported as soon as they are complete, file parts as a stream of data, so an upload
 * never needs its whole body in memory. It keeps at most one delimiter's length of a file plus one bounded header
 * block or field value. Vert.x's own multipart decoder reports fields only once the whole request has ended, too late
 * to stream a file that follows its {@code documentType}; hence this parser.
 *
 * <p>Not thread-safe: fed from the request's event loop.
 */
final class MultipartParser {
    /** What the parser reports, in order. */
    interface Listener {
        /** A field part is complete. */
        void field(String name, String value);

        /** A file part (one with a {@code filename}) starts. */
        void fileStarted(String name, String fileName);

        /**
         * Bytes of the current file part: a read-only view of an array the parser never touches again, so the
         * listener may keep it without copying.
         */
        void fileData(java.nio.ByteBuffer data);

        /** The current file part is complete. */
        void fileEnded();

        /** The closing delimiter was read. */
        void completed();

        /** The body is not multipart as announced; nothing more is reported. */
        void malformed(String reason);
    }

    static final int MAX_HEADER_BYTES = 8 * 1024;
    static final int MAX_FIELD_BYTES = 8 * 1024;
    static final int MAX_PARTS = 32;

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};
    private static final Pattern BOUNDARY = Pattern.compile("(?i)(?:^|;)\\s*boundary=(?:\"([^\"]{1,70})\"|([^;\\s]{1,70}))");

    private enum State { AFTER_DELIMITER, HEADERS, BODY, DONE }

    private final byte[] delimiter;
    private final Listener listener;
    private State state = State.BODY; // the body starts as if after a CRLF, inside an ignored preamble
    private boolean preamble = true;
    private byte[] pending;
    private int parts;
    private String fieldName;
    private boolean filePart;
    private ByteArrayOutputStream field;

    /** Boyer-Moore-Horspool shifts for the delimiter: a file is searched in strides, not byte by byte. */
    private final int[] shift = new int[256];

    private MultipartParser(String boundary, Listener listener) {
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        java.util.Arrays.fill(shift, delimiter.length);
        for (int i = 0; i < delimiter.length - 1; i++) {
            shift[delimiter[i] & 0xff] = delimiter.length - 1 - i;
        }
        this.listener = Objects.requireNonNull(listener, "listener");
        this.pending = CRLF.clone(); // so the first delimiter, at the very start, is found like every other
    }

    /** A parser for the boundary of a {@code Content-Type} header, if it names one. */
    static Optional<MultipartParser> forContentType(String contentType, Listener listener) {
        if (contentType == null) {
            return Optional.empty();
        }
        Matcher matcher = BOUNDARY.matcher(contentType);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String boundary = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        return Optional.of(new MultipartParser(boundary, listener));
    }

    /** True once the closing delimiter was read, or the body was found malformed. */
    boolean done() {
        return state == State.DONE;
    }

    /** Parses the next bytes of the body. */
    void feed(byte[] chunk) {
        if (state == State.DONE || chunk.length == 0) {
            return;
        }
        byte[] data = pending.length == 0 ? chunk : concat(pending, chunk);
        pending = new byte[0];
        int at = 0;
        while (state != State.DONE && at <= data.length) {
            int next = switch (state) {
                case BODY -> body(data, at);
                case AFTER_DELIMITER -> afterDelimiter(data, at);
                case HEADERS -> headers(data, at);
                case DONE -> -1;
            };
            if (next < 0) {
                break; // needs more input; what is left was kept in pending
            }
            at = next;
        }
    }

    /** The body ended; a body without its closing delimiter is malformed. */
    void end() {
        if (state != State.DONE) {
            fail("The multipart body ended before its closing delimiter.");
        }
    }

    private int body(byte[] data, int from) {
        int found = findDelimiter(data, from);
        int contentEnd = found >= 0 ? found : Math.max(from, data.length - (delimiter.length - 1));
        if (!preamble && contentEnd > from) {
            content(data, from, contentEnd);
            if (state == State.DONE) {
                return -1;
            }
        }
        if (found < 0) {
            pending = slice(data, contentEnd, data.length);
            return -1;
        }
        if (!preamble) {
            endPart();
            if (state == State.DONE) {
                return -1;
            }
        }
        preamble = false;
        state = State.AFTER_DELIMITER;
        return found + delimiter.length;
    }

    private int afterDelimiter(byte[] data, int from) {
        if (data.length - from < 2) {
            pending = slice(data, from, data.length);
            return -1;
        }
        if (data[from] == '-' && data[from + 1] == '-') {
            state = State.DONE;
            listener.completed();
            return -1;
        }
        int lineEnd = indexOf(data, CRLF, from); // transport padding (spaces, tabs) may precede the CRLF
        if (lineEnd < 0) {
            if (data.length - from > 256) {
                fail("A multipart delimiter is not followed by a line end.");
                return -1;
            }
            pending = slice(data, from, data.length);
            return -1;
        }
        if (++parts > MAX_PARTS) {
            fail("More than " + MAX_PARTS + " parts.");
            return -1;
        }
        state = State.HEADERS;
        return lineEnd + 2;
    }

    private int headers(byte[] data, int from) {
        if (data.length - from < 2) {
            pending = slice(data, from, data.length);
            return -1;
        }
        int blockEnd;
        int bodyStart;
        if (data[from] == '\r' && data[from + 1] == '\n') {
            blockEnd = from; // a part without headers
            bodyStart = from + 2;
        } else {
            int end = indexOf(data, HEADER_END, from);
            if (end < 0) {
                if (data.length - from > MAX_HEADER_BYTES) {
                    fail("The headers of a part are longer than " + MAX_HEADER_BYTES + " bytes.");
                } else {
                    pending = slice(data, from, data.length);
                }
                return -1;
            }
            blockEnd = end;
            bodyStart = end + 4;
        }
        startPart(new String(data, from, blockEnd - from, StandardCharsets.UTF_8));
        if (state == State.DONE) {
            return -1;
        }
        state = State.BODY;
        return bodyStart;
    }

    private void startPart(String headerBlock) {
        String disposition = null;
        for (String line : headerBlock.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-disposition")) {
                disposition = line.substring(colon + 1).trim();
            }
        }
        if (disposition == null || !disposition.toLowerCase(Locale.ROOT).startsWith("form-data")) {
            fail("A part has no Content-Disposition: form-data header.");
            return;
        }
        Map<String, String> parameters = parameters(disposition);
        fieldName = parameters.getOrDefault("name", "");
        Optional<String> fileName = Optional.ofNullable(parameters.get("filename"));
        filePart = fileName.isPresent();
        if (filePart) {
            listener.fileStarted(fieldName, fileName.get());
        } else {
            field = new ByteArrayOutputStream();
        }
    }

    private void content(byte[] data, int from, int to) {
        if (filePart) {
            listener.fileData(java.nio.ByteBuffer.wrap(data, from, to - from).slice().asReadOnlyBuffer());
        } else if (field.size() + (to - from) > MAX_FIELD_BYTES) {
            fail("The field " + fieldName + " is longer than " + MAX_FIELD_BYTES + " bytes.");
        } else {
            field.write(data, from, to - from);
        }
    }

    private void endPart() {
        if (filePart) {
            listener.fileEnded();
        } else {
            listener.field(fieldName, field.toString(StandardCharsets.UTF_8));
            field = null;
        }
    }

    private void fail(String reason) {
        state = State.DONE;
        pending = new byte[0];
        listener.malformed(reason);
    }

    /** The parameters of a {@code Content-Disposition} value, names in lower case; quoted values unquoted. */
    static Map<String, String> parameters(String disposition) {
        Map<String, String> parameters = new HashMap<>();
        int at = disposition.indexOf(';');
        int length = disposition.length();
        while (at >= 0 && at < length) {
            at++; // past ';'
            int eq = disposition.indexOf('=', at);
            int semicolon = disposition.indexOf(';', at);
            if (eq < 0 || (semicolon >= 0 && semicolon < eq)) {
                at = semicolon;
                continue;
            }
            String name = disposition.substring(at, eq).trim().toLowerCase(Locale.ROOT);
            int valueStart = eq + 1;
            while (valueStart < length && disposition.charAt(valueStart) == ' ') {
                valueStart++;
            }
            StringBuilder value = new StringBuilder();
            int i = valueStart;
            if (i < length && disposition.charAt(i) == '"') {
                for (i++; i < length && disposition.charAt(i) != '"'; i++) {
                    char c = disposition.charAt(i);
                    if (c == '\\' && i + 1 < length) {
                        c = disposition.charAt(++i);
                    }
                    value.append(c);
                }
                at = disposition.indexOf(';', i);
            } else {
                int stop = disposition.indexOf(';', i);
                value.append(disposition.substring(i, stop < 0 ? length : stop).trim());
                at = stop;
            }
            parameters.putIfAbsent(name, value.toString());
        }
        return parameters;
    }

    private int findDelimiter(byte[] data, int from) {
        int last = delimiter.length - 1;
        for (int at = Math.max(0, from); at <= data.length - delimiter.length; at += shift[data[at + last] & 0xff]) {
            int j = last;
            while (data[at + j] == delimiter[j]) {
                if (j == 0) {
                    return at;
                }
                j--;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] data, byte[] target, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - target.length; i++) {
            for (int j = 0; j < target.length; j++) {
                if (data[i + j] != target[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] slice(byte[] data, int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(data, from, out, 0, out.length);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
