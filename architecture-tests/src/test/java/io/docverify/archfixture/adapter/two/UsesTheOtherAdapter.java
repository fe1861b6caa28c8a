package io.docverify.archfixture.adapter.two;

import io.docverify.archfixture.adapter.one.MemoryNameStore;
import io.docverify.archfixture.domain.Name;
import io.docverify.archfixture.ports.out.NameStore;
import java.util.Optional;

/** Breaks "adapters never depend on each other": it delegates to adapter one. */
public final class UsesTheOtherAdapter implements NameStore {
    private final MemoryNameStore delegate = new MemoryNameStore();

    @Override
    public Optional<Name> find(String id) {
        return delegate.find(id);
    }
}
