/**
 * A deliberately broken miniature of docverify's hexagon (domain, ports, two adapters, an app, a shared
 * library), used only to prove that the architecture rules fail when someone breaks them. Every class here that
 * is named for what it does wrong ({@code UsesJackson}, {@code UsesAPort}, {@code UsesAnAdapter},
 * {@code UsesTheOtherAdapter}, {@code UsesTheApp}, {@code UsesTheDomain}) breaks exactly the rule its name says;
 * the others are legal.
 */
package io.docverify.archfixture;
