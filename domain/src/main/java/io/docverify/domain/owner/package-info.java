/** Document owners (customers, beneficial owners), their statuses, and what a review does to them. */
package io.docverify.domain.owner;
