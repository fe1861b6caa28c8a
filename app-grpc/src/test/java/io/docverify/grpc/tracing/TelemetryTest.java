package io.docverify.grpc.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tracing is off unless the standard {@code OTEL_*} variables ask for it. */
class TelemetryTest {

    @Test
    void withoutOtelVariablesThereIsNoSdk() {
        assertThat(Telemetry.fromEnvironment(Map.of("DOCVERIFY_PORT", "0"))).isSameAs(OpenTelemetry.noop());
    }

    @Test
    void anExporterOrAnOtlpEndpointTurnsTracingOn() {
        assertThat(Telemetry.enabled(Map.of("OTEL_TRACES_EXPORTER", "otlp"))).isTrue();
        assertThat(Telemetry.enabled(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318"))).isTrue();
        assertThat(Telemetry.enabled(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://127.0.0.1:4318/v1/traces")))
                .isTrue();
    }

    @Test
    void noneOrDisabledKeepsItOff() {
        assertThat(Telemetry.enabled(Map.of("OTEL_TRACES_EXPORTER", "none",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318"))).isFalse();
        assertThat(Telemetry.enabled(Map.of("OTEL_SDK_DISABLED", "true",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318"))).isFalse();
        assertThat(Telemetry.enabled(Map.of("OTEL_SERVICE_NAME", "docverify"))).isFalse();
    }

    @Test
    void anOtlpEndpointGivesTheAutoconfiguredSdkWithW3cPropagation() {
        OpenTelemetry otel = Telemetry.fromEnvironment(Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318",
                "OTEL_BSP_SCHEDULE_DELAY", "60000"));
        try {
            assertThat(otel).isInstanceOf(OpenTelemetrySdk.class);
            assertThat(otel.getPropagators().getTextMapPropagator().fields()).contains("traceparent");
        } finally {
            Telemetry.shutdown(otel);
        }
    }
}
