package io.docverify.archfixture.ports.stream;

import java.util.List;

/** Legal: stream plumbing in terms of the JDK. */
public record Chunks(List<byte[]> parts) {
}
