/** Inbound port of an offline sandbox: seed owners and review documents, as Dwolla's sandbox allows. */
package io.docverify.ports.sandbox;
