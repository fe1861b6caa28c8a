package io.docverify.grpc.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Searches log files for secrets and file bytes in the forms a log might carry them: raw, hex (contiguous in
 * either case, or space-separated as in hex dumps), Java's {@code Arrays.toString}, and base64 (standard and URL
 * alphabets, at each of the three alignments a value can have inside a longer encoded string). A finding names
 * the file, the line and what was found, never the secret itself.
 */
public final class LogScanner {
    /** One searched form of one secret, by name ("API key TestServer.KEY as base64 at offset 1"). */
    public record Needle(String name, byte[] bytes) {
        @Override
        public String toString() {
            return name;
        }
    }

    public record Finding(Path file, int line, String needle) {
        @Override
        public String toString() {
            return file + ":" + line + " contains " + needle;
        }
    }

    private final List<Needle> needles = new ArrayList<>();

    /** Adds every form of {@code secret}, described as {@code what} in findings. */
    public LogScanner secret(String what, byte[] secret) {
        if (secret.length < 8) {
            throw new IllegalArgumentException(what + " is too short to search for without false alarms");
        }
        add(what + " raw", secret);
        HexFormat hex = HexFormat.of();
        add(what + " as hex", hex.formatHex(secret));
        add(what + " as upper-case hex", hex.withUpperCase().formatHex(secret));
        // Hex dumps break lines every 16 bytes: any 8 consecutive bytes, space-separated, will do.
        add(what + " as spaced hex", HexFormat.ofDelimiter(" ").formatHex(secret, 0, 8));
        String decimals = Arrays.toString(Arrays.copyOf(secret, 8));
        add(what + " as a Java byte array", decimals.substring(1, decimals.length() - 1));
        for (int skip = 0; skip < 3; skip++) {
            int usable = (secret.length - skip) / 3 * 3;
            if (usable >= 6) {
                byte[] aligned = Arrays.copyOfRange(secret, skip, skip + usable);
                add(what + " as base64 at offset " + skip, Base64.getEncoder().encodeToString(aligned));
                add(what + " as url-safe base64 at offset " + skip, Base64.getUrlEncoder().encodeToString(aligned));
            }
        }
        return this;
    }

    public LogScanner secret(String what, String secret) {
        return secret(what, secret.getBytes(StandardCharsets.UTF_8));
    }

    public List<Needle> needles() {
        return List.copyOf(needles);
    }

    /** Every needle found in the files, with file and line. */
    public List<Finding> scan(List<Path> files) {
        var findings = new ArrayList<Finding>();
        for (Path file : files) {
            String content;
            try {
                // ISO-8859-1 maps every byte to one char, so raw bytes are found whatever the file's encoding.
                content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (Needle needle : needles) {
                String wanted = new String(needle.bytes(), StandardCharsets.ISO_8859_1);
                for (int at = content.indexOf(wanted); at >= 0; at = content.indexOf(wanted, at + 1)) {
                    findings.add(new Finding(file, lineOf(content, at), needle.name()));
                }
            }
        }
        return findings;
    }

    public static String describe(List<Finding> findings) {
        return findings.stream().limit(50).map(Finding::toString).collect(Collectors.joining("\n"));
    }

    private void add(String name, String text) {
        add(name, text.getBytes(StandardCharsets.US_ASCII));
    }

    private void add(String name, byte[] bytes) {
        needles.add(new Needle(name, bytes));
    }

    private static int lineOf(String content, int index) {
        return 1 + (int) content.substring(0, index).chars().filter(c -> c == '\n').count();
    }
}
