/** The review of a document: Dwolla's failure-reason catalogue, review decisions and their effect on owners. */
package io.docverify.domain.review;
