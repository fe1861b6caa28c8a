package io.docverify.grpc.security;

import io.grpc.Context;

/**
 * Who is calling: the name of the API key the current call authenticated with, set by {@link ApiKeyInterceptor}
 * in the call's gRPC {@link Context}. Never the key itself; safe for logs and metric tags.
 */
public final class Caller {
    /** The key's name in the call's context. */
    public static final Context.Key<String> NAME = Context.key("docverify.caller");
    /** The name when no key authenticated the call (health checks, in-process tests without the interceptor). */
    public static final String ANONYMOUS = "anonymous";

    private Caller() {
    }

    /** The current call's key name, or {@link #ANONYMOUS}. */
    public static String current() {
        String name = NAME.get();
        return name == null ? ANONYMOUS : name;
    }
}
