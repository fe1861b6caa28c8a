package io.docverify.archfixture.adapter.one;

import io.docverify.archfixture.domain.Name;
import io.docverify.archfixture.library.Setting;
import io.docverify.archfixture.ports.out.NameStore;
import java.util.Map;
import java.util.Optional;

/** Legal: an adapter that reads its settings with the shared library. */
public final class ConfiguredNameStore implements NameStore {
    private final Map<String, String> settings;

    public ConfiguredNameStore(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    @Override
    public Optional<Name> find(String id) {
        return Setting.read(settings, id).map(Name::new);
    }
}
