package io.docverify.archfixture.ports.out;

import io.docverify.archfixture.domain.Name;
import io.docverify.archfixture.ports.in.FindName;
import java.util.Optional;

/** Breaks "the outbound ports use no inbound-port type": it is stated in the inbound use case's terms. */
public interface UsesAnInboundPort {
    Optional<Name> find(FindName lookup, String id);
}
