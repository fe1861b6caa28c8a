package io.docverify.archfixture.adapter.one.verifier;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Breaks "a JDK-only adapter part depends only on the JDK": it uses Jackson. */
public final class UsesJackson {
    private final ObjectMapper mapper = new ObjectMapper();

    /** Uses the library. */
    public String write(Object value) throws Exception {
        return mapper.writeValueAsString(value);
    }
}
