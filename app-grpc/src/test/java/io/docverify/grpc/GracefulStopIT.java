package io.docverify.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged service stopped as an orchestrator stops it: SIGTERM, then its exit status. */
class GracefulStopIT {

    @Test
    void sigtermStopsTheServiceGracefullyAndExitsWithZero() throws Exception {
        try (RunningJar jar = RunningJar.start("graceful-stop", List.of(), Map.of("DOCVERIFY_SHUTDOWN_GRACE", "2s"))) {
            assertThat(jar.health()).isEqualTo(ServingStatus.SERVING);

            jar.process().destroy(); // SIGTERM

            assertThat(jar.process().waitFor(30, TimeUnit.SECONDS)).as("exited within 30 s").isTrue();
            assertThat(jar.process().exitValue()).as(jar.log()).isZero();
            assertThat(jar.log()).contains("event=\"server.stopped\"");
        }
    }
}
