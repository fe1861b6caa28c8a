package io.docverify.archfixture.ports.in;

import io.docverify.archfixture.application.NameService;

/**
 * Breaks "the inbound ports use no application service": a port must not know what implements it. The service
 * implements this package's use case, so this is a package cycle too.
 */
public record UsesAnApplicationService(NameService service) {
}
