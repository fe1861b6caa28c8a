package io.docverify.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged service refuses bad configurations that carry secrets (an API key too short, Dwolla credentials
 * next to a broken setting, a secret under a misspelt name in a configuration file) with exit status 2 and a
 * message naming the setting, never the secret. The outputs stay under {@code target/it-logs} for the log scan,
 * which searches them for these secrets again in every encoding.
 */
class ConfigSecretsIT {
    /** Secrets this test configures; the log scan looks for them. */
    static final String SHORT_API_KEY = "Sh0rtKey-9x7Qw2";
    static final String DWOLLA_KEY = "dwolla-it-key-Zq81Lm2Vn4";
    static final String DWOLLA_SECRET = "dwolla-it-secret-Hk37Tp9Xc2";
    static final String MISSPELT_SECRET = "dwolla-misspelt-secret-Wb55Yr1";
    static final String SCOPED_KEY = "scoped-it-key-Rv28Cj6Ty9";
    static final String SCOPED_SECOND_KEY = "scoped-it-key-two-Mz47Ha1Xo3";

    @Test
    void anApiKeyTooShortIsRefusedWithoutEchoingIt() throws Exception {
        int exit = RunningJar.runToExit("config-short-key", Map.of("DOCVERIFY_API_KEYS", SHORT_API_KEY));

        assertThat(exit).isEqualTo(2);
        assertThat(output("config-short-key")).contains("DOCVERIFY_API_KEYS").doesNotContain(SHORT_API_KEY);
    }

    @Test
    void aBadScopedKeyEntryIsRefusedWithoutEchoingAnyKey() throws Exception {
        int exit = RunningJar.runToExit("config-scoped-key", Map.of("DOCVERIFY_SCOPED_API_KEYS",
                "ci-uploader:upload+read:" + SCOPED_KEY + ",review-tool:read+review:" + SCOPED_SECOND_KEY));

        assertThat(exit).isEqualTo(2);
        assertThat(output("config-scoped-key")).contains("DOCVERIFY_SCOPED_API_KEYS", "entry 2")
                .doesNotContain(SCOPED_KEY, SCOPED_SECOND_KEY);
    }

    @Test
    void dwollaCredentialsNextToABrokenSettingAreNotEchoed() throws Exception {
        int exit = RunningJar.runToExit("config-dwolla-env", Map.of("DOCVERIFY_BACKEND", "dwolla",
                "DOCVERIFY_DWOLLA_KEY", DWOLLA_KEY, "DOCVERIFY_DWOLLA_SECRET", DWOLLA_SECRET,
                "DOCVERIFY_SHUTDOWN_GRACE", "ten seconds"));

        assertThat(exit).isEqualTo(2);
        assertThat(output("config-dwolla-env")).contains("DOCVERIFY_SHUTDOWN_GRACE")
                .doesNotContain(DWOLLA_KEY, DWOLLA_SECRET);
    }

    @Test
    void aSecretUnderAMisspeltNameInTheConfigurationFileIsNotEchoed() throws Exception {
        Path file = RunningJar.logDir().resolve("config-misspelt.properties");
        Files.writeString(file, "DOCVERIFY_BACKEND=dwolla\nDOCVERIFY_DWOLLA_KEY=" + DWOLLA_KEY
                + "\nDOCVERIFY_DWOLLA_SECRTE=" + MISSPELT_SECRET + "\n");
        try {
            int exit = RunningJar.runToExit("config-misspelt", Map.of(), file.toString());

            assertThat(exit).isEqualTo(2);
            assertThat(output("config-misspelt")).contains("DOCVERIFY_DWOLLA_SECRTE")
                    .doesNotContain(MISSPELT_SECRET, DWOLLA_KEY);
        } finally {
            Files.delete(file); // the file holds the secrets on purpose; it is not a log
        }
    }

    private static String output(String name) throws Exception {
        Path dir = RunningJar.logDir();
        return Files.readString(dir.resolve(name + "-stdout.log"))
                + Files.readString(dir.resolve(name + "-stderr.log"));
    }
}
