package io.docverify.archfixture.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Breaks "the domain depends only on the JDK" and "no framework in the domain": it uses Jackson. */
public record UsesJackson(Name name, JsonInclude.Include inclusion) {
}
