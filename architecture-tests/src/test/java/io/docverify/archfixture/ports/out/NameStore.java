package io.docverify.archfixture.ports.out;

import io.docverify.archfixture.domain.Name;
import java.util.Optional;

/** Legal: an outbound port in terms of the domain and the JDK. */
public interface NameStore {
    Optional<Name> find(String id);
}
