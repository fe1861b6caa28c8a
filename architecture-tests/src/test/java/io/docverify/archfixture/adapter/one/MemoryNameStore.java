package io.docverify.archfixture.adapter.one;

import io.docverify.archfixture.domain.Name;
import io.docverify.archfixture.ports.out.NameStore;
import java.util.Optional;

/** Legal: an adapter implementing a port. */
public final class MemoryNameStore implements NameStore {
    @Override
    public Optional<Name> find(String id) {
        return Optional.of(new Name(id));
    }
}
