package io.docverify.archfixture.ports.stream;

import io.docverify.archfixture.ports.out.NameStore;

/** Breaks "the plumbing depends only on itself, the domain and the JDK": it uses an outbound port. */
public record UsesAnOutboundPort(NameStore store) {
}
