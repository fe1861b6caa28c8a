package io.docverify.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.grpc.config.ApiKeySettingsTest;
import io.docverify.grpc.hostile.LeakMarker;
import io.docverify.grpc.hostile.LogScanner;
import io.docverify.grpc.metrics.CallerMetricsTest;
import io.docverify.grpc.security.ScopesTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The last step of the build's tests (its own failsafe execution, after every other test): scans every log the
 * tests and the started jars wrote ({@code target/it-logs}, the surefire and failsafe {@code *-output.txt} files,
 * the Node end-to-end test's service log) for the API keys, Dwolla credentials and idempotency keys the tests
 * use, and for the bytes of the files they upload (the {@link LeakMarker} every load, hostile and memory test
 * file carries, and LogPrivacyTest's marker), raw, hex and base64. {@code LogScannerTest} shows the scan finds
 * what it looks for.
 */
class LogLeakScanIT {
    @Test
    void noLogOfTheSuiteHoldsAKeyASecretOrFileBytes() throws IOException {
        Path target = Path.of(System.getProperty("docverify.target.dir", "target"));
        List<Path> logs = new ArrayList<>();
        logs.addAll(files(target.resolve("it-logs"), "")); // every output of the started jars
        logs.addAll(files(target.resolve("surefire-reports"), "-output.txt"));
        logs.addAll(files(target.resolve("failsafe-reports"), "-output.txt"));
        logs.addAll(files(target.resolve("node-client"), ".log"));
        logs.removeIf(p -> p.getFileName().toString().startsWith(LogLeakScanIT.class.getName()));

        LogScanner scanner = new LogScanner()
                .secret("API key TestServer.KEY", TestServer.KEY)
                .secret("API key NodeClientIT.KEY", NodeClientIT.KEY)
                .secret("API key PythonClientIT.KEY", PythonClientIT.KEY)
                .secret("API key SmallHeapUploadsIT.KEY", SmallHeapUploadsIT.KEY)
                .secret("API key ConfigSecretsIT.SHORT_API_KEY", ConfigSecretsIT.SHORT_API_KEY)
                .secret("API key of AuthenticationTest (rotation)", "second-key-for-rotation-0001")
                .secret("API key of ServiceConfigTest", "very-secret-api-key-0001")
                .secret("wrong API key of LogPrivacyTest", "wrong-key-but-still-secret")
                .secret("scoped API key LogPrivacyTest.WEB_FRONT_KEY", LogPrivacyTest.WEB_FRONT_KEY)
                .secret("scoped API key LogPrivacyTest.REVIEWER_KEY", LogPrivacyTest.REVIEWER_KEY)
                .secret("scoped API key ScopesTest.FRONT_END_KEY", ScopesTest.FRONT_END_KEY)
                .secret("scoped API key ScopesTest.REVIEW_KEY", ScopesTest.REVIEW_KEY)
                .secret("scoped API key ScopesTest.SEEDER_KEY", ScopesTest.SEEDER_KEY)
                .secret("scoped API key ScopesTest.AUDITOR_KEY", ScopesTest.AUDITOR_KEY)
                .secret("scoped API key of HistoryBehaviour", "auditor-key-Hv83Lq2Wd7")
                .secret("scoped API key of HistoryRefusalsTest (reader)", "history-reader-key-Fm52Xc8Tu1")
                .secret("scoped API key of HistoryRefusalsTest (auditor)", "history-auditor-key-Kd39Wp4Ve6")
                .secret("scoped API key CallerMetricsTest.ALPHA_KEY", CallerMetricsTest.ALPHA_KEY)
                .secret("scoped API key CallerMetricsTest.BETA_KEY", CallerMetricsTest.BETA_KEY)
                .secret("scoped API key ApiKeySettingsTest.UPLOADER_KEY", ApiKeySettingsTest.UPLOADER_KEY)
                .secret("scoped API key ApiKeySettingsTest.REVIEWER_KEY", ApiKeySettingsTest.REVIEWER_KEY)
                .secret("scoped API key ConfigSecretsIT.SCOPED_KEY", ConfigSecretsIT.SCOPED_KEY)
                .secret("scoped API key ConfigSecretsIT.SCOPED_SECOND_KEY", ConfigSecretsIT.SCOPED_SECOND_KEY)
                .secret("idempotency key of LogPrivacyTest", "idem-key-secret-value")
                .secret("Dwolla key of ServiceConfigTest", "dwolla-key-value")
                .secret("Dwolla secret of ServiceConfigTest", "dwolla-secret-value")
                .secret("webhook secret of WebhookHarness", "the-current-webhook-secret")
                .secret("previous webhook secret of WebhookHarness", "the-previous-webhook-secret")
                .secret("webhook secret of DwollaWebhookEndToEndTest", "webhook-secret-for-the-end-to-end")
                .secret("webhook secret of WebhookSettingsTest", "current-secret-value")
                .secret("Dwolla key ConfigSecretsIT.DWOLLA_KEY", ConfigSecretsIT.DWOLLA_KEY)
                .secret("Dwolla secret ConfigSecretsIT.DWOLLA_SECRET", ConfigSecretsIT.DWOLLA_SECRET)
                .secret("Dwolla secret ConfigSecretsIT.MISSPELT_SECRET", ConfigSecretsIT.MISSPELT_SECRET)
                .secret("file bytes (LeakMarker)", LeakMarker.BYTES)
                .secret("file bytes of LogPrivacyTest", "PERSONAL-FILE-CONTENT");

        var findings = scanner.scan(logs);

        long bytes = 0;
        boolean uploadsLogged = false;
        for (Path log : logs) {
            bytes += Files.size(log);
            String text = Files.readString(log, StandardCharsets.ISO_8859_1);
            uploadsLogged |= text.contains("upload.created") && text.contains("upload.refused");
        }
        System.out.printf("LogLeakScanIT: %d logs (%d bytes), %d forms of %s searched, %d findings%n", logs.size(),
                bytes, scanner.needles().size(), "26 secrets", findings.size());
        assertThat(findings).as("leaks:%n%s", LogScanner.describe(findings)).isEmpty();
        assertThat(uploadsLogged).as("the scanned logs include a service's log of created and refused uploads: %s",
                logs).isTrue();
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix))
                    .toList();
        }
    }
}
