package io.docverify.archfixture.adapter.two;

import io.docverify.archfixture.application.NameService;

/** Breaks "no adapter uses the application services": an adapter is the provider's side of the hexagon. */
public record UsesAnApplicationService(NameService service) {
}
