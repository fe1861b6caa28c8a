/** Errors as values with Dwolla's codes, and the one exception that carries them across edges. */
package io.docverify.domain.error;
