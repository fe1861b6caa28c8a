package io.docverify.grpc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.grpc.connection.MemoryBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectionSettingsTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void theDefaultsBoundEveryConnection() {
        ConnectionSettings d = ConnectionSettings.read(Map.of());
        assertThat(d.maxCallsPerConnection()).isEqualTo(16);
        assertThat(d.flowControlWindow()).isEqualTo(256 * 1024);
        assertThat(d.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(d.maxConnectionAge()).isEqualTo(Duration.ofMinutes(30));
        assertThat(d.maxConnectionAgeGrace()).isEqualTo(Duration.ofMinutes(6));
        assertThat(d.maxRstFrames()).isEqualTo(2000);
        assertThat(d.rstFramesWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.maxAuthFailures()).isEqualTo(10);
        assertThat(d.maxConnections()).isBetween(16, ConnectionSettings.DEFAULT_MAX_CONNECTIONS);
    }

    @Test
    void theDefaultCapLeavesRoomUnderTheOpenFileLimit() {
        assertThat(ConnectionSettings.defaultMaxConnections(1024)).isEqualTo(896);
        assertThat(ConnectionSettings.defaultMaxConnections(1_048_576)).isEqualTo(1000);
        assertThat(ConnectionSettings.defaultMaxConnections(100)).isEqualTo(16);
        assertThat(ConnectionSettings.defaultMaxConnections(-1)).isEqualTo(1000);
    }

    @Test
    void settingsAreRead() {
        ConnectionSettings s = ConnectionSettings.read(Map.of("DOCVERIFY_MAX_CONNECTIONS", "50",
                "DOCVERIFY_CONNECTION_IDLE_TIMEOUT", "off", "DOCVERIFY_RST_FRAMES_WINDOW", "30s",
                "DOCVERIFY_FLOW_CONTROL_WINDOW", "65535"));
        assertThat(s.maxConnections()).isEqualTo(50);
        assertThat(s.idleTimeout()).isZero();
        assertThat(s.rstFramesWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.flowControlWindow()).isEqualTo(65535);
    }

    @ParameterizedTest
    @CsvSource({
            "DOCVERIFY_MAX_CONNECTIONS, 0",
            "DOCVERIFY_MAX_CONNECTIONS, many",
            "DOCVERIFY_MAX_CALLS_PER_CONNECTION, 0",
            "DOCVERIFY_FLOW_CONTROL_WINDOW, 65534",
            "DOCVERIFY_HANDSHAKE_TIMEOUT, 0",
            "DOCVERIFY_CONNECTION_IDLE_TIMEOUT, soon",
            "DOCVERIFY_MAX_RST_FRAMES, 0",
            "DOCVERIFY_RST_FRAMES_WINDOW, 1500ms",
            "DOCVERIFY_RST_FRAMES_WINDOW, 0",
            "DOCVERIFY_MAX_AUTH_FAILURES_PER_CONNECTION, 0",
    })
    void aBadValueIsRefusedNamingItsSetting(String name, String value) {
        assertThatThrownBy(() -> ConfigReader.read(Map.of(name, value)))
                .isInstanceOf(ConfigException.class).hasMessageContaining(name);
    }

    @Test
    void theResetLimitFollowsTheStreamsAConnectionMayHaveOpenAndIsNeverBelowThem() {
        assertThat(ConnectionSettings.read(Map.of()).maxRstFrames()).isEqualTo(2000);
        assertThat(ConnectionSettings.read(Map.of("DOCVERIFY_MAX_CALLS_PER_CONNECTION", "999"))
                .maxRstFrames()).as("twice 999 is under 2,000").isEqualTo(2000);
        assertThat(ConnectionSettings.read(Map.of("DOCVERIFY_MAX_CALLS_PER_CONNECTION", "3000"))
                .maxRstFrames()).as("twice the streams open at once").isEqualTo(6000);
        assertThat(ConnectionSettings.read(Map.of("DOCVERIFY_MAX_CALLS_PER_CONNECTION", "3000",
                "DOCVERIFY_MAX_RST_FRAMES", "3000")).maxRstFrames()).isEqualTo(3000);
        assertThatThrownBy(() -> ConnectionSettings.read(Map.of("DOCVERIFY_MAX_CALLS_PER_CONNECTION", "3000",
                "DOCVERIFY_MAX_RST_FRAMES", "2999")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("DOCVERIFY_MAX_RST_FRAMES (2999) must be at least"
                        + " DOCVERIFY_MAX_CALLS_PER_CONNECTION (3000)");
    }

    @Test
    void aConfigurationFileMayHoldTheConnectionSettings(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("docverify.properties");
        Files.writeString(file, "DOCVERIFY_MAX_CONNECTIONS=77\nDOCVERIFY_MAX_AUTH_FAILURES_PER_CONNECTION=3\n");
        ServiceConfig config = ConfigReader.load(Map.of(), Optional.of(file));
        assertThat(config.connections().maxConnections()).isEqualTo(77);
        assertThat(config.connections().maxAuthFailures()).isEqualTo(3);
    }

    @Test
    void theDefaultUploadSlotsFitA128MiBJvmAndTooLargeAWindowIsRefusedNamingTheSettings() {
        // What -Xmx128m gives: about 123 MiB of heap, and as much direct memory.
        var small = new MemoryBudget.Available(123 * MIB, 123 * MIB);
        assertThatCode(() -> MemoryBudget.check(ServiceConfig.defaults(), small)).doesNotThrowAnyException();

        var settings = new HashMap<String, String>();
        settings.put("DOCVERIFY_FLOW_CONTROL_WINDOW", String.valueOf(MIB));
        ServiceConfig bigWindow = ConfigReader.read(settings);
        assertThat(MemoryBudget.directNeeded(bigWindow)).isGreaterThan(123 * MIB);
        assertThatThrownBy(() -> MemoryBudget.check(bigWindow, small)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("DOCVERIFY_MAX_CONCURRENT_UPLOADS")
                .hasMessageContaining("DOCVERIFY_FLOW_CONTROL_WINDOW")
                .hasMessageContaining("MaxDirectMemorySize");
        settings.put("DOCVERIFY_MAX_CONCURRENT_UPLOADS", "32");
        assertThatCode(() -> MemoryBudget.check(ConfigReader.read(settings), small)).doesNotThrowAnyException();
    }
}
