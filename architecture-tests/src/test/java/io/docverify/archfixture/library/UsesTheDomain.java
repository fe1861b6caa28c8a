package io.docverify.archfixture.library;

import io.docverify.archfixture.domain.Name;

/** Breaks "the shared libraries depend only on the JDK": it uses the domain. */
public record UsesTheDomain(Name name) {
}
