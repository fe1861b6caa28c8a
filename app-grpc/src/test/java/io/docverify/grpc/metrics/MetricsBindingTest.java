package io.docverify.grpc.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.grpc.NetworkExposure;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.backend.InMemoryBackend;
import io.docverify.grpc.config.ConfigException;
import io.docverify.grpc.config.ConfigReader;
import io.docverify.grpc.logs.CapturedLogs;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * /metrics is plaintext and needs no key: it listens on its own address, loopback unless configured, whatever the
 * gRPC bind address; a port without TLS or authentication beyond loopback is a WARN at start.
 */
class MetricsBindingTest {

    @Test
    void metricsListenOnLoopbackEvenWhenGrpcIsBoundToEveryInterface() throws Exception {
        var settings = TestServer.settings();
        settings.put("DOCVERIFY_BIND_ADDRESS", "0.0.0.0");
        settings.put("DOCVERIFY_METRICS_PORT", "0");
        var config = ConfigReader.read(settings);
        assertThat(config.metricsBindAddress()).isEqualTo("127.0.0.1");

        // In-process gRPC: nothing in this test listens beyond loopback.
        try (TestServer server = TestServer.start(TestServer.Kind.IN_PROCESS,
                new InMemoryBackend(InMemoryConfig.DEFAULTS), config)) {
            InetSocketAddress metrics = server.server().metricsAddress().orElseThrow();
            assertThat(metrics.getAddress().isLoopbackAddress()).as(metrics.toString()).isTrue();
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + metrics.getPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theMetricsBindAddressIsASetting() {
        var settings = TestServer.settings();
        settings.put("DOCVERIFY_METRICS_BIND_ADDRESS", "127.0.0.2");
        settings.put("DOCVERIFY_METRICS_PORT", "0");

        try (TestServer server = TestServer.start(TestServer.Kind.IN_PROCESS, settings)) {
            assertThat(server.server().metricsAddress().orElseThrow().getAddress().getHostAddress())
                    .isEqualTo("127.0.0.2");
        }
    }

    @Test
    void aMetricsBindAddressThatIsNoAddressIsRefusedNamingTheSetting() {
        var settings = TestServer.settings();
        settings.put("DOCVERIFY_METRICS_BIND_ADDRESS", "not an address!");

        assertThatThrownBy(() -> ConfigReader.read(settings)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("DOCVERIFY_METRICS_BIND_ADDRESS");
    }

    @Test
    void aServerOnLoopbackOnlyWarnsAboutNothing() {
        var settings = TestServer.settings();
        settings.put("DOCVERIFY_METRICS_PORT", "0");
        try (CapturedLogs logs = CapturedLogs.start();
                TestServer server = TestServer.start(TestServer.Kind.SOCKET, settings)) {
            assertThat(logs.text()).doesNotContain("server.exposed");
        }
    }

    private static InetSocketAddress at(String host) {
        return new InetSocketAddress(host, 1234);
    }

    @Test
    void plaintextGrpcBeyondLoopbackIsOneWarningAndTlsIsNone() {
        assertThat(NetworkExposure.warnings(List.of(at("0.0.0.0")), false, Optional.empty())).hasSize(1)
                .allSatisfy(w -> assertThat(w).contains("plaintext", "0.0.0.0"));
        assertThat(NetworkExposure.warnings(List.of(at("::")), false, Optional.empty())).hasSize(1);
        assertThat(NetworkExposure.warnings(List.of(at("192.0.2.10")), false, Optional.empty())).hasSize(1);
        assertThat(NetworkExposure.warnings(List.of(at("0.0.0.0")), true, Optional.empty())).isEmpty();
        assertThat(NetworkExposure.warnings(List.of(at("127.0.0.1"), at("::1")), false, Optional.empty()))
                .isEmpty();
    }

    @Test
    void metricsBeyondLoopbackIsOneWarningEvenWithTls() {
        assertThat(NetworkExposure.warnings(List.of(at("127.0.0.1")), false, Optional.of(at("0.0.0.0"))))
                .hasSize(1).allSatisfy(w -> assertThat(w).contains("/metrics", "DOCVERIFY_METRICS_BIND_ADDRESS"));
        assertThat(NetworkExposure.warnings(List.of(at("0.0.0.0")), true, Optional.of(at("10.0.0.1"))))
                .hasSize(1);
        assertThat(NetworkExposure.warnings(List.of(at("0.0.0.0")), false, Optional.of(at("0.0.0.0"))))
                .hasSize(2);
        assertThat(NetworkExposure.warnings(List.of(at("127.0.0.1")), false, Optional.of(at("127.0.0.1"))))
                .isEmpty();
    }
}
