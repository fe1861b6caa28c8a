package io.docverify.archfixture.ports.out;

import io.docverify.archfixture.adapter.one.MemoryNameStore;

/** Breaks "the ports depend only on the domain" and "only apps depend on adapters". */
public final class UsesAnAdapter {
    private final MemoryNameStore store = new MemoryNameStore();

    public NameStore store() {
        return store;
    }
}
