/**
 * Reading settings, shared by every module that has some (the Dwolla adapter's {@code DWOLLA_*}, the service's
 * {@code DOCVERIFY_*}, the Dwolla test server's flags): one duration syntax, one number rule, one notion of
 * "unset", and errors that name the setting. JDK only, so that any module may use it without depending on
 * another's code.
 */
package io.docverify.config;
