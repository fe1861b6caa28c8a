package io.docverify.grpc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.application.ServiceEventLog;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventLogSettingsTest {
    @Test
    void theDefaultsKeepTenThousandEventsForADayAndAThousandPerStream() {
        ServiceEventLog.Settings events = ConfigReader.read(Map.of()).events();
        assertThat(events).isEqualTo(new ServiceEventLog.Settings(10_000, Duration.ofHours(24), 1_000));
    }

    @Test
    void eachSettingIsRead() {
        ServiceEventLog.Settings events = ConfigReader.read(Map.of("DOCVERIFY_EVENTS_MAX", "500",
                "DOCVERIFY_EVENTS_RETENTION", "2h", "DOCVERIFY_EVENTS_STREAM_QUEUE", "64")).events();
        assertThat(events).isEqualTo(new ServiceEventLog.Settings(500, Duration.ofHours(2), 64));
    }

    @Test
    void badValuesNameTheirSetting() {
        assertThatThrownBy(() -> EventLogSettings.read(Map.of("DOCVERIFY_EVENTS_MAX", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DOCVERIFY_EVENTS_MAX");
        assertThatThrownBy(() -> EventLogSettings.read(Map.of("DOCVERIFY_EVENTS_MAX", "2000000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DOCVERIFY_EVENTS_MAX");
        assertThatThrownBy(() -> EventLogSettings.read(Map.of("DOCVERIFY_EVENTS_RETENTION", "off")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DOCVERIFY_EVENTS_RETENTION");
        assertThatThrownBy(() -> EventLogSettings.read(Map.of("DOCVERIFY_EVENTS_STREAM_QUEUE", "many")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DOCVERIFY_EVENTS_STREAM_QUEUE");
    }
}
