/**
 * A deliberately broken miniature of docverify's hexagon (domain; inbound ports, outbound ports, file and stream
 * plumbing, an application service; two adapters, a stand-in server, an app, a shared library), used only to prove
 * that the architecture rules fail when someone breaks them. Every class here that is named for what it does wrong
 * ({@code UsesJackson}, {@code UsesAPort}, {@code UsesAnAdapter}, {@code UsesTheOtherAdapter}, {@code UsesTheApp},
 * {@code UsesTheDomain}, {@code UsesAnInboundPort}, {@code UsesAnApplicationService},
 * {@code ServesAnApplicationService}, {@code UsesAnOutboundPort}, {@code UsesTheFile}) breaks the rule its name
 * says; the others are legal. Some breaks cannot come alone: a port that uses the application service implementing
 * it, or a domain class that uses a port, also closes a package cycle.
 */
package io.docverify.archfixture;
