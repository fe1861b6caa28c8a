/** Outbound ports: what the domain needs from the world (a document provider, an event publisher, ids). */
package io.docverify.ports.out;
