package io.docverify.archfixture.app;

import io.docverify.archfixture.adapter.one.MemoryNameStore;
import io.docverify.archfixture.adapter.two.UsesTheOtherAdapter;
import io.docverify.archfixture.ports.out.NameStore;
import java.util.List;

/** Legal: the app is the one place that knows the adapters. */
public final class Wiring {
    public List<NameStore> stores() {
        return List.of(new MemoryNameStore(), new UsesTheOtherAdapter());
    }
}
