package io.docverify.archfixture.ports.in;

import io.docverify.archfixture.domain.Name;
import java.util.Optional;

/** Legal: an inbound port (a use case) in terms of the domain and the JDK. */
public interface FindName {
    Optional<Name> find(String id);
}
