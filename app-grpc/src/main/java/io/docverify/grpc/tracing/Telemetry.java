package io.docverify.grpc.tracing;

import io.grpc.ServerInterceptor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.grpc.v1_6.GrpcTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * docverify's OpenTelemetry, configured the standard way and off unless configured: tracing is on when
 * {@code OTEL_TRACES_EXPORTER} names an exporter (not {@code none}) or an OTLP endpoint is set
 * ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}), and
 * {@code OTEL_SDK_DISABLED} is not {@code true}. Then the SDK's autoconfiguration reads every {@code OTEL_*}
 * variable (exporter, sampler, propagators, resource); docverify only changes defaults: the service name
 * {@code docverify}, and no OpenTelemetry metrics or logs export (metrics are Prometheus', logs go to standard
 * error with the trace id). Otherwise {@link OpenTelemetry#noop()}: no SDK, no span, no cost.
 */
public final class Telemetry {
    private Telemetry() {
    }

    /** The OpenTelemetry the {@code OTEL_*} variables ask for (see the class comment). */
    public static OpenTelemetry fromEnvironment(Map<String, String> environment) {
        if (!enabled(environment)) {
            return OpenTelemetry.noop();
        }
        var properties = new HashMap<String, String>();
        properties.put("otel.service.name", "docverify");
        properties.put("otel.metrics.exporter", "none");
        properties.put("otel.logs.exporter", "none");
        environment.forEach((name, value) -> {
            if (name.startsWith("OTEL_") && value != null && !value.isBlank()) {
                properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value.trim());
            }
        });
        return AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> properties)
                .disableShutdownHook() // the server shuts it down (shutdown), after its last span
                .build()
                .getOpenTelemetrySdk();
    }

    /** Whether the variables turn tracing on. */
    public static boolean enabled(Map<String, String> environment) {
        if (get(environment, "OTEL_SDK_DISABLED").map("true"::equalsIgnoreCase).orElse(false)) {
            return false;
        }
        Optional<String> exporter = get(environment, "OTEL_TRACES_EXPORTER");
        if (exporter.isPresent()) {
            return !exporter.get().equalsIgnoreCase("none");
        }
        return get(environment, "OTEL_EXPORTER_OTLP_ENDPOINT").isPresent()
                || get(environment, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT").isPresent();
    }

    /**
     * A server span per RPC (OpenTelemetry's grpc-java instrumentation), continuing the caller's W3C
     * {@code traceparent}; its attributes are the RPC's service, method, status and peer address, never request
     * metadata (the API key) or message contents.
     */
    public static ServerInterceptor serverInterceptor(OpenTelemetry openTelemetry) {
        // No event per message: an upload's hundreds of chunks would fill the span with noise.
        return GrpcTelemetry.builder(openTelemetry).setEmitMessageEvents(false).build().createServerInterceptor();
    }

    /** Exports what is left and stops an SDK (a no-op OpenTelemetry has nothing to stop). */
    public static void shutdown(OpenTelemetry openTelemetry) {
        if (openTelemetry instanceof OpenTelemetrySdk sdk) {
            sdk.shutdown().join(5, TimeUnit.SECONDS);
        }
    }

    private static Optional<String> get(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
