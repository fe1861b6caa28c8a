/** Dwolla's upload rules and the streaming inspection (kind, size, fingerprint) that feeds them. */
package io.docverify.domain.upload;
