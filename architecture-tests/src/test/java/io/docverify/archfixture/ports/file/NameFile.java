package io.docverify.archfixture.ports.file;

import io.docverify.archfixture.domain.Name;
import io.docverify.archfixture.ports.stream.Chunks;

/** Legal: the file plumbing may use the stream plumbing and the domain. */
public record NameFile(Name name, Chunks content) {
}
