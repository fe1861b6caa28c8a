package io.docverify.grpc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.grpc.security.ApiKey;
import io.docverify.grpc.security.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The two forms of API keys: the plain {@code DOCVERIFY_API_KEYS=k1,k2} (keys with every scope, named key-1,
 * key-2, ...) and the scoped {@code DOCVERIFY_SCOPED_API_KEYS=name:scope+scope:key,...}. Every error names the
 * setting and the entry, and never shows a key (nor a name, which a mistyped entry can make out of a key).
 */
public class ApiKeySettingsTest {
    /** Keys of this test; the log scan looks for them. */
    public static final String UPLOADER_KEY = "uploader-key-Vq93Lx0Tz7";
    public static final String REVIEWER_KEY = "reviewer-key-Ng41Pd8Ws2";

    private static List<ApiKey> keys(Map<String, String> settings) {
        return ConfigReader.read(settings).apiKeys().keys();
    }

    @Test
    void thePlainFormGivesEveryKeyEveryScopeNamedByPosition() {
        List<ApiKey> keys = keys(Map.of("DOCVERIFY_API_KEYS", " key-one-0123456789 ,key-two-0123456789,"));

        assertThat(keys).extracting(ApiKey::name).containsExactly("key-1", "key-2");
        assertThat(keys).extracting(ApiKey::secret).containsExactly("key-one-0123456789", "key-two-0123456789");
        assertThat(keys).allSatisfy(k -> assertThat(k.scopes()).isEqualTo(EnumSet.allOf(Scope.class)));
    }

    @Test
    void theScopedFormGivesEachKeyItsNameAndScopes() {
        List<ApiKey> keys = keys(Map.of("DOCVERIFY_SCOPED_API_KEYS", "ci-uploader:upload+read:" + UPLOADER_KEY
                + ", review.tool_2:read+sandbox:" + REVIEWER_KEY + " ,"));

        assertThat(keys).extracting(ApiKey::name).containsExactly("ci-uploader", "review.tool_2");
        assertThat(keys.get(0).scopes()).containsExactlyInAnyOrder(Scope.UPLOAD, Scope.READ);
        assertThat(keys.get(1).scopes()).containsExactlyInAnyOrder(Scope.READ, Scope.SANDBOX);
        assertThat(keys).extracting(ApiKey::secret).containsExactly(UPLOADER_KEY, REVIEWER_KEY);
    }

    @Test
    void aScopedKeyMayHoldColonsAndOneScopeOrAll() {
        List<ApiKey> keys = keys(Map.of("DOCVERIFY_SCOPED_API_KEYS",
                "a:sandbox:" + UPLOADER_KEY + ":x,admin:upload+read+audit+sandbox:" + REVIEWER_KEY));

        assertThat(keys.get(0).secret()).isEqualTo(UPLOADER_KEY + ":x");
        assertThat(keys.get(0).scopes()).containsExactly(Scope.SANDBOX);
        assertThat(keys.get(1).scopes()).isEqualTo(EnumSet.allOf(Scope.class));
    }

    @Test
    void theScopedFormWorksInAPropertiesFileOverSeveralLines(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("docverify.properties"), "DOCVERIFY_SCOPED_API_KEYS=\\\n"
                + "    ci-uploader:upload+read:" + UPLOADER_KEY + ",\\\n"
                + "    review-tool:read+sandbox:" + REVIEWER_KEY + "\n");

        ServiceConfig config = ConfigReader.load(Map.of(), Optional.of(file));

        assertThat(config.apiKeys().keys()).extracting(ApiKey::name).containsExactly("ci-uploader", "review-tool");
        assertThat(config.toString()).contains("apiKeys=2").doesNotContain(UPLOADER_KEY, REVIEWER_KEY);
        assertThat(config.apiKeys().toString()).contains("ci-uploader").doesNotContain(UPLOADER_KEY);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no colon|" + UPLOADER_KEY + "|entry 1 is not name:scopes:key",
            "one colon|ci:" + UPLOADER_KEY + "|entry 1 is not name:scopes:key",
            "empty name|:upload:" + UPLOADER_KEY + "|entry 1 has an invalid name",
            "capital letters|CI:upload:" + UPLOADER_KEY + "|entry 1 has an invalid name",
            "a space|ci tool:upload:" + UPLOADER_KEY + "|entry 1 has an invalid name",
            "too long|abcdefghijklmnopqrstuvwxyz0123456:upload:" + UPLOADER_KEY + "|entry 1 has an invalid name",
            "starts with a dot|.ci:upload:" + UPLOADER_KEY + "|entry 1 has an invalid name",
            "reserved name|anonymous:upload:" + UPLOADER_KEY + "|entry 1 has an invalid name",
            "no scope|ci::" + UPLOADER_KEY + "|entry 1 has invalid scopes",
            "unknown scope|ci:write:" + UPLOADER_KEY + "|entry 1 has invalid scopes",
            "capital scope|ci:Upload:" + UPLOADER_KEY + "|entry 1 has invalid scopes",
            "scope twice|ci:read+read:" + UPLOADER_KEY + "|entry 1 has invalid scopes",
            "dangling plus|ci:read+:" + UPLOADER_KEY + "|entry 1 has invalid scopes",
            "short key|ci:read:Sh0rt-9x7Qw2|entry 1 has a key that is not at least 16 printable",
            "key with a space|ci:read:uploader key Vq93Lx0Tz7|entry 1 has a key that is not at least 16 printable",
            "second entry|ci:read:" + UPLOADER_KEY + ",tool:read|entry 2 is not name:scopes:key"})
    void aBadScopedEntryIsRefusedNamingTheSettingAndEntryButNeverTheKey(String what, String value,
            String message) {
        assertThatThrownBy(() -> keys(Map.of("DOCVERIFY_SCOPED_API_KEYS", value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("DOCVERIFY_SCOPED_API_KEYS: ")
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(UPLOADER_KEY, "Sh0rt-9x7Qw2",
                        "Vq93Lx0Tz7", "tool", "write", "Upload", "CI:", "abcdefgh"));
    }

    @Test
    void twoEntriesWithTheSameNameAreRefused() {
        assertThatThrownBy(() -> keys(Map.of("DOCVERIFY_SCOPED_API_KEYS", "ci:read:" + UPLOADER_KEY
                + ",other:read:" + REVIEWER_KEY + ",ci:upload:another-key-0123456789")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("DOCVERIFY_SCOPED_API_KEYS: entries 1 and 3 have the same name; names must be unique");
    }

    @Test
    void twoEntriesWithTheSameKeyAreRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> keys(Map.of("DOCVERIFY_SCOPED_API_KEYS", "ci:upload:" + UPLOADER_KEY
                + ",reviewer:sandbox:" + UPLOADER_KEY)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("DOCVERIFY_SCOPED_API_KEYS: entries 1 and 2 have the same key; each name needs its own "
                        + "key");
    }

    @Test
    void bothFormsAtOnceAreRefused() {
        assertThatThrownBy(() -> keys(Map.of("DOCVERIFY_API_KEYS", UPLOADER_KEY,
                "DOCVERIFY_SCOPED_API_KEYS", "ci:read:" + REVIEWER_KEY)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("DOCVERIFY_API_KEYS").hasMessageContaining("DOCVERIFY_SCOPED_API_KEYS")
                .hasMessageContaining("not both")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(UPLOADER_KEY, REVIEWER_KEY));
    }

    @Test
    void theScopedFormInThePlainSettingIsRefusedRatherThanTakenAsOneKeyWithEveryScope() {
        assertThatThrownBy(() -> keys(Map.of("DOCVERIFY_API_KEYS", "key-zero-0123456789,ci-uploader:upload+read:"
                + UPLOADER_KEY)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("DOCVERIFY_API_KEYS: entry 2 looks like name:scopes:key")
                .hasMessageContaining("DOCVERIFY_SCOPED_API_KEYS")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(UPLOADER_KEY, "ci-uploader"));
    }

    @Test
    void aPlainKeyWithColonsThatIsNotTheScopedFormStaysAPlainKey() {
        List<ApiKey> keys = keys(Map.of("DOCVERIFY_API_KEYS", "abc:def:" + UPLOADER_KEY + ",ci:" + REVIEWER_KEY));

        assertThat(keys).extracting(ApiKey::secret).containsExactly("abc:def:" + UPLOADER_KEY, "ci:" + REVIEWER_KEY);
        assertThat(keys).extracting(ApiKey::scopes).containsOnly(EnumSet.allOf(Scope.class));
    }

    @Test
    void aShortPlainKeyIsStillRefusedNamingThePlainSetting() {
        assertThatThrownBy(() -> keys(Map.of("DOCVERIFY_API_KEYS", UPLOADER_KEY + ",Sh0rt-9x7Qw2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("DOCVERIFY_API_KEYS: ")
                .hasMessageContaining("at least 16 printable characters")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Sh0rt-9x7Qw2", UPLOADER_KEY));
    }

    @Test
    void noKeysLeaveTheDevelopmentKeyToTheLauncher() {
        assertThat(ConfigReader.read(Map.of()).apiKeys().isEmpty()).isTrue();
        assertThat(ConfigReader.read(Map.of("DOCVERIFY_SCOPED_API_KEYS", " , ")).apiKeys().isEmpty()).isTrue();
    }

    @Test
    void aKeyShowsItsNameAndScopesButNeverItsSecret() {
        var key = new ApiKey("review-tool", Set.of(Scope.SANDBOX, Scope.READ), REVIEWER_KEY);

        assertThat(key.toString()).isEqualTo("ApiKey[name=review-tool, scopes=read+sandbox]");
        assertThat(ServiceConfig.defaults().withApiKeys(List.of(UPLOADER_KEY)).apiKeys().keys())
                .extracting(ApiKey::name).containsExactly("key-1");
    }
}
