/** Domain events, one per state change, named after Dwolla's webhook topics. */
package io.docverify.domain.event;
