package io.docverify.archfixture.application;

import io.docverify.archfixture.domain.Name;
import io.docverify.archfixture.ports.in.FindName;
import io.docverify.archfixture.ports.out.NameStore;
import java.util.Optional;

/** Legal: an application service implements an inbound port over an outbound one. */
public final class NameService implements FindName {
    private final NameStore store;

    public NameService(NameStore store) {
        this.store = store;
    }

    @Override
    public Optional<Name> find(String id) {
        return store.find(id);
    }
}
