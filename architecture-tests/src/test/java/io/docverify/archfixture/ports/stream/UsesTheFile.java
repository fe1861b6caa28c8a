package io.docverify.archfixture.ports.stream;

import io.docverify.archfixture.ports.file.NameFile;

/** Breaks "no package cycles": the file plumbing uses the stream plumbing, and this uses the file's. */
public record UsesTheFile(NameFile file) {
}
