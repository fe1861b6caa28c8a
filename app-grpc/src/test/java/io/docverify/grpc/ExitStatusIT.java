package io.docverify.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.grpc.config.TlsValidationAccess;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged service's exit statuses, as README.md documents them: 0 after SIGTERM, 2 for bad TLS files. */
class ExitStatusIT {

    private static Path tls(String name) throws URISyntaxException {
        return Path.of(ExitStatusIT.class.getResource("/tls/" + name).toURI());
    }

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

    @Test
    void aPkcs1TlsKeyIsAConfigurationErrorNamingItsSetting() throws Exception {
        Path key = RunningJar.logDir().resolve("server-pkcs1.key");
        Files.writeString(key, TlsValidationAccess.pkcs1(tls("server.key")));

        int status = RunningJar.runToExit("tls-pkcs1", Map.of("DOCVERIFY_TLS_CERT_FILE", tls("server.pem").toString(),
                "DOCVERIFY_TLS_KEY_FILE", key.toString()));

        String stderr = Files.readString(RunningJar.logDir().resolve("tls-pkcs1-stderr.log"));
        assertThat(status).as(stderr).isEqualTo(2);
        assertThat(stderr).contains("DOCVERIFY_TLS_KEY_FILE", "openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsAConfigurationErrorNamingItsSetting() throws Exception {
        int status = RunningJar.runToExit("tls-mismatch", Map.of("DOCVERIFY_TLS_CERT_FILE",
                tls("server.pem").toString(), "DOCVERIFY_TLS_KEY_FILE", tls("stranger.key").toString(),
                "DOCVERIFY_PORT_FILE", RunningJar.logDir().resolve("tls-mismatch.port").toString()));

        String stderr = Files.readString(RunningJar.logDir().resolve("tls-mismatch-stderr.log"));
        assertThat(status).as(stderr).isEqualTo(2);
        assertThat(stderr).contains("DOCVERIFY_TLS_KEY_FILE", "does not match the certificate");
    }
}
