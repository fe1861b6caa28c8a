package io.docverify.archfixture.domain;

/** Legal: a domain value that uses only the JDK. */
public record Name(String value) {
}
