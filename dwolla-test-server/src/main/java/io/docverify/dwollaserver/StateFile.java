package io.docverify.dwollaserver;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.BiConsumer;

/**
 * The sandbox's state file ({@code --state FILE}): JSON with a format version, written atomically (a temporary file
 * in the same directory, owner-only permissions {@code 0600} because it holds webhook secrets, forced to disk,
 * then renamed over the old one: a reader sees the old file or the new one, never a part), read on start. A
 * missing file is an empty start; a file that is not a state file, or of a newer version, is refused with a
 * one-line message ({@link IllegalArgumentException}) rather than silently starting empty.
 */
final class StateFile {
    /** The {@code format} field: what the file is. */
    static final String FORMAT = "docverify-dwolla-sandbox-state";
    /** The version this sandbox writes, and the newest it reads. */
    static final int VERSION = 1;
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Writes the file's content; may fail part way. */
    @FunctionalInterface
    interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private StateFile() {
    }

    /**
     * Reads the file element by element (so a large state is never one tree in memory): checks that it begins with
     * {@code format} and {@code version}, then hands every element of each top-level array to {@code elements}
     * with the array's name, and each other top-level value with its name. False if there is no file.
     *
     * @throws IllegalArgumentException with a one-line message if the file is unreadable, not a state file, of a
     *                                  newer version, or has an element {@code elements} refuses
     */
    static boolean read(Path file, BiConsumer<String, JsonNode> elements) {
        try (JsonParser parser = MAPPER.createParser(Files.newInputStream(file))) {
            if (parser.nextToken() != JsonToken.START_OBJECT || !"format".equals(parser.nextFieldName())
                    || !FORMAT.equals(parser.nextTextValue())) {
                throw refused(file, "is not a sandbox state file (it must begin with \"format\": \"" + FORMAT
                        + "\")");
            }
            if (!"version".equals(parser.nextFieldName()) || parser.nextToken() != JsonToken.VALUE_NUMBER_INT) {
                throw refused(file, "has no \"version\" after its \"format\"");
            }
            int version = parser.getIntValue();
            if (version > VERSION || version < 1) {
                throw refused(file, "is version " + version + "; this sandbox reads versions 1 to " + VERSION
                        + ": use a matching sandbox or another file");
            }
            String name;
            while ((name = parser.nextFieldName()) != null) {
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    JsonNode value = parser.readValueAsTree(); // a single value, such as "accountId"
                    try {
                        elements.accept(name, value);
                    } catch (RuntimeException bad) {
                        throw refused(file, "has a bad \"" + name + "\" (" + oneLine(bad) + ")");
                    }
                    continue;
                }
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    JsonNode element = parser.readValueAsTree();
                    try {
                        elements.accept(name, element);
                    } catch (RuntimeException bad) {
                        throw refused(file, "has a bad entry in \"" + name + "\" (" + oneLine(bad) + ")");
                    }
                }
            }
            return true;
        } catch (NoSuchFileException missing) {
            return false;
        } catch (JsonProcessingException broken) {
            throw refused(file, "is not a sandbox state file (broken JSON at line " + broken.getLocation().getLineNr()
                    + ", column " + broken.getLocation().getColumnNr() + ")");
        } catch (IOException unreadable) {
            throw refused(file, "cannot be read (" + unreadable.getClass().getSimpleName() + ")");
        }
    }

    private static IllegalArgumentException refused(Path file, String why) {
        return new IllegalArgumentException("state file " + file + " " + why);
    }

    private static String oneLine(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Writes the state atomically: {@code format}, {@code version}, then what {@code body} writes. */
    static void write(Path file, GeneratorWriter body) throws IOException {
        writeAtomically(file, out -> {
            try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out)) {
                generator.writeStartObject();
                generator.writeStringField("format", FORMAT);
                generator.writeNumberField("version", VERSION);
                body.writeTo(generator);
                generator.writeEndObject();
            }
        });
    }

    /** Writes the state's fields after {@code format} and {@code version}. */
    @FunctionalInterface
    interface GeneratorWriter {
        void writeTo(JsonGenerator generator) throws IOException;
    }

    /** Writes to a temporary file beside {@code file}, then renames it over {@code file}; on failure nothing changes. */
    static void writeAtomically(Path file, Writer content) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path temp = temporary(dir, target.getFileName().toString());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                content.writeTo(new NonClosing(out));
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Path temporary(Path dir, String name) throws IOException {
        try {
            return Files.createTempFile(dir, "." + name + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createTempFile(dir, "." + name + ".", ".tmp");
        } catch (FileAlreadyExistsException unlikely) {
            throw new IOException("cannot make a temporary file beside the state file", unlikely);
        }
    }

    /** Jackson closes the stream it wrote; the channel is closed here, after it was forced to disk. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
