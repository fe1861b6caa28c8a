package io.docverify.grpc.backend;

import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.grpc.config.ConfigException;
import io.docverify.grpc.config.ServiceConfig;

/** Builds the configured {@link Backend}. */
public final class Backends {
    private Backends() {
    }

    /**
     * The backend {@code config.backend()} names.
     *
     * @throws ConfigException if that backend is not part of this build or misconfigured
     */
    public static Backend create(ServiceConfig config) {
        return switch (config.backend()) {
            case INMEMORY -> new InMemoryBackend(
                    InMemoryConfig.DEFAULTS.withSandboxReviewDelay(config.sandboxReviewDelay()));
            // Wiring Dwolla: config.dwolla().requireCredentials(), then a Backend over adapter-dwolla-http's
            // provider with events() empty and a defaultWatchPollInterval() of about a minute.
            case DWOLLA -> throw new ConfigException("the 'dwolla' backend is not available in this build: the "
                    + "Dwolla adapter (adapter-dwolla-http) is not part of it yet. Use DOCVERIFY_BACKEND=inmemory.");
        };
    }
}
