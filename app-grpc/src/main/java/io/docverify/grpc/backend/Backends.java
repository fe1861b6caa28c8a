package io.docverify.grpc.backend;

import io.opentelemetry.api.OpenTelemetry;
import io.docverify.adapter.dwolla.DwollaConfig;
import io.docverify.adapter.dwolla.DwollaDocumentProvider;
import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.grpc.config.ConfigException;
import io.docverify.grpc.config.DwollaSettings;
import io.docverify.grpc.config.ServiceConfig;
import io.micrometer.core.instrument.MeterRegistry;

/** Builds the configured {@link Backend}. */
public final class Backends {
    private Backends() {
    }

    /**
     * The backend {@code config.backend()} names; the Dwolla adapter's metrics go to {@code registry}.
     *
     * @throws ConfigException if the backend is misconfigured (the message names the setting, never a secret)
     */
    public static Backend create(ServiceConfig config, MeterRegistry registry) {
        return create(config, registry, OpenTelemetry.noop());
    }

    /** As {@link #create(ServiceConfig, MeterRegistry)}; the Dwolla adapter traces its HTTP requests. */
    public static Backend create(ServiceConfig config, MeterRegistry registry, OpenTelemetry openTelemetry) {
        return switch (config.backend()) {
            case INMEMORY -> new InMemoryBackend(
                    InMemoryConfig.DEFAULTS.withSandboxReviewDelay(config.sandboxReviewDelay()));
            case DWOLLA -> new DwollaBackend(DwollaDocumentProvider.create(dwollaConfig(config.dwolla()), registry,
                    openTelemetry), config.webhook().enabled() ? DwollaBackend.BACKSTOP_POLL_INTERVAL
                            : DwollaBackend.WATCH_POLL_INTERVAL);
        };
    }

    /** The Dwolla adapter's configuration from the {@code DOCVERIFY_DWOLLA_*} settings. */
    static DwollaConfig dwollaConfig(DwollaSettings settings) {
        settings.requireCredentials();
        try {
            return DwollaConfig.fromEnvironment(settings.variables(), DwollaSettings.PREFIX);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }
}
