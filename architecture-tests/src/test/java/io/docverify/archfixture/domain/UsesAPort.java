package io.docverify.archfixture.domain;

import io.docverify.archfixture.ports.out.NameStore;

/** Breaks "the domain depends only on the JDK": the domain must not know its ports. */
public record UsesAPort(NameStore store) {
}
