package io.docverify.archfixture.server;

import io.docverify.archfixture.application.NameService;

/**
 * Breaks "no stand-in server uses the application services": a stand-in serves a provider as the outside system
 * would, under the adapters' rule.
 */
public record ServesAnApplicationService(NameService service) {
}
