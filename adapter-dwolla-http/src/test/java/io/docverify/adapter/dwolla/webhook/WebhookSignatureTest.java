package io.docverify.adapter.dwolla.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import io.docverify.adapter.dwolla.webhook.WebhookSignature.Match;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Dwolla's webhook signature. The vectors were computed with OpenSSL 3 in a shell, outside Java:
 * {@code printf '%s' "$BODY" | openssl dgst -sha256 -hmac "$SECRET"} (printf without a newline, so the exact
 * bytes; the shell's locale is UTF-8, so non-ASCII secrets and bodies are their UTF-8 bytes).
 */
class WebhookSignatureTest {
    private static final String SECRET = "its-a-secret";
    private static final byte[] BODY = ("{\"id\":\"80d8ae2e-0d50-4a54-8d5a-5d5e5b5b9d1c\","
            + "\"topic\":\"customer_verification_document_approved\"}").getBytes(StandardCharsets.UTF_8);
    /** {@code openssl dgst -sha256 -hmac 'its-a-secret'} of {@link #BODY}. */
    private static final String BODY_SIGNED = "6a4678c9edbafda33254a76320c78204bcce5bdadb0f2596d83d6dd0e17e25f5";
    /** {@code openssl dgst -sha256 -hmac 'old-secret'} of {@link #BODY}. */
    private static final String BODY_SIGNED_OLD = "070f279bbbf1fdedb95ba1fe6fced2f1e804f4a5670cd3e7081eca35741636fb";
    /** {@code printf '' | openssl dgst -sha256 -hmac 'its-a-secret'}. */
    private static final String EMPTY_SIGNED = "cc16d1a13802b12bb7c2576f5423e38b645049b59574eb9894c73e96b90d6872";
    /** {@code printf 'héllo' | openssl dgst -sha256 -hmac 'sécret-ü'} (UTF-8). */
    private static final String UNICODE_SIGNED = "b08509fb82e471e48daf3c2c670ba1e86120789335a1bc746ad370ed243eb73b";

    private static final Gen<byte[]> BODIES = bodies(0);
    private static final Gen<byte[]> NON_EMPTY_BODIES = bodies(1);
    /** Any well-formed text (below the surrogates, so never a lone one), up to Dwolla's longest. */
    private static final Gen<String> SECRETS = strings().betweenCodePoints(0x20, 0xD7FF).ofLengthBetween(1, 128);

    private static Gen<byte[]> bodies(int shortest) {
        return Generate.byteArrays(integers().between(shortest, 600),
                Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    }

    @Test
    void signsAsOpensslDoes() {
        WebhookSignature signature = WebhookSignature.of(SECRET);
        assertThat(signature.sign(BODY)).isEqualTo(BODY_SIGNED);
        assertThat(signature.sign(new byte[0])).isEqualTo(EMPTY_SIGNED);
        assertThat(WebhookSignature.of("old-secret").sign(BODY)).isEqualTo(BODY_SIGNED_OLD);
        assertThat(WebhookSignature.of("sécret-ü").sign("héllo".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(UNICODE_SIGNED);
    }

    @Test
    void verifiesOpensslsSignaturesInEitherCase() {
        WebhookSignature signature = WebhookSignature.of(SECRET);
        assertThat(signature.verify(BODY, BODY_SIGNED)).isEqualTo(Match.CURRENT);
        assertThat(signature.verify(BODY, BODY_SIGNED.toUpperCase(Locale.ROOT))).isEqualTo(Match.CURRENT);
        assertThat(signature.verify(BODY, " " + BODY_SIGNED + "\t")).isEqualTo(Match.CURRENT);
        assertThat(signature.verify(new byte[0], EMPTY_SIGNED)).isEqualTo(Match.CURRENT);
        assertThat(signature.verify(BODY, BODY_SIGNED_OLD)).isEqualTo(Match.NONE);
        assertThat(signature.verify(BODY, EMPTY_SIGNED)).isEqualTo(Match.NONE);
    }

    @Test
    void duringARotationSaysWhichSecretMatched() {
        WebhookSignature rotating = WebhookSignature.rotating(SECRET, "old-secret");
        assertThat(rotating.verify(BODY, BODY_SIGNED)).isEqualTo(Match.CURRENT);
        assertThat(rotating.verify(BODY, BODY_SIGNED_OLD)).isEqualTo(Match.PREVIOUS);
        assertThat(rotating.verify(BODY, EMPTY_SIGNED)).isEqualTo(Match.NONE);
        assertThat(rotating.sign(BODY)).as("signs with the current secret").isEqualTo(BODY_SIGNED);
    }

    @Test
    void withoutAPreviousSecretRotatingIsOneSecret() {
        WebhookSignature rotating = WebhookSignature.rotating(SECRET, null);
        assertThat(rotating.verify(BODY, BODY_SIGNED)).isEqualTo(Match.CURRENT);
        assertThat(rotating.verify(BODY, BODY_SIGNED_OLD)).isEqualTo(Match.NONE);
        assertThat(rotating).hasToString(WebhookSignature.of(SECRET).toString());
    }

    @Test
    void aMissingOrMalformedHeaderIsNoMatchNeverAnError() {
        WebhookSignature signature = WebhookSignature.of(SECRET);
        String tooShort = BODY_SIGNED.substring(2);
        String tooLong = BODY_SIGNED + "00";
        String notHex = "zz" + BODY_SIGNED.substring(2);
        String fullWidthDigit = "\uff10" + BODY_SIGNED.substring(1);
        for (String header : new String[] {null, "", "   ", tooShort, tooLong, notHex, fullWidthDigit,
                "sha256=" + BODY_SIGNED, BODY_SIGNED.substring(0, 63) + "-"}) {
            assertThat(signature.verify(BODY, header)).as(String.valueOf(header)).isEqualTo(Match.NONE);
        }
    }

    @Test
    void refusesAnEmptyOrTooLongSecretWithoutShowingIt() {
        String tooLong = "s3cr3t-".repeat(19); // 133 characters
        assertThatThrownBy(() -> WebhookSignature.of(tooLong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("133").hasMessageContaining("128").hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> WebhookSignature.rotating(SECRET, tooLong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("previous").hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> WebhookSignature.of(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThat(WebhookSignature.of("x".repeat(WebhookSignature.MAX_SECRET_LENGTH)).sign(BODY)).hasSize(64);
    }

    @Test
    void refusesASecretThatIsNotWellFormedText() {
        // A lone surrogate has no UTF-8 form: the JDK would key with '?' and two different secrets would sign alike.
        assertThatThrownBy(() -> WebhookSignature.of("abc\ud800"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unicode");
        assertThatThrownBy(() -> WebhookSignature.rotating(SECRET, "\udc00abc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("previous");
        assertThat(WebhookSignature.of("emoji-\ud83d\ude00").sign(BODY)).hasSize(64);
    }

    @Test
    void toStringNeverShowsASecret() {
        assertThat(WebhookSignature.rotating(SECRET, "old-secret").toString())
                .doesNotContain(SECRET).doesNotContain("old-secret").contains("rotating");
    }

    @Test
    void theHeaderIsDwollasName() {
        assertThat(WebhookSignature.HEADER).isEqualTo("X-Request-Signature-SHA-256");
    }

    @Test
    void whatItSignsItVerifies() {
        qt().forAll(SECRETS, BODIES).checkAssert((secret, body) -> {
            WebhookSignature signature = WebhookSignature.of(secret);
            String signed = signature.sign(body);
            assertThat(signed).matches("[0-9a-f]{64}");
            assertThat(signature.verify(body, signed)).isEqualTo(Match.CURRENT);
            assertThat(signature.verify(body, signed.toUpperCase(Locale.ROOT))).isEqualTo(Match.CURRENT);
        });
    }

    @Test
    void anyOneBitChangeOfTheBodyIsNoMatch() {
        qt().forAll(SECRETS, NON_EMPTY_BODIES, integers().between(0, Integer.MAX_VALUE))
                .checkAssert((secret, body, where) -> {
                    WebhookSignature signature = WebhookSignature.of(secret);
                    String signed = signature.sign(body);
                    byte[] changed = body.clone();
                    int bit = where % (body.length * 8);
                    changed[bit / 8] ^= (byte) (1 << (bit % 8));
                    assertThat(signature.verify(changed, signed)).isEqualTo(Match.NONE);
                });
    }

    @Test
    void anyOneBitChangeOfTheSignatureIsNoMatch() {
        qt().forAll(SECRETS, BODIES, integers().between(0, 255)).checkAssert((secret, body, bit) -> {
            WebhookSignature signature = WebhookSignature.of(secret);
            String signed = signature.sign(body);
            int digit = bit / 4;
            int value = Character.digit(signed.charAt(digit), 16) ^ (1 << (bit % 4));
            String changed = signed.substring(0, digit) + Character.forDigit(value, 16) + signed.substring(digit + 1);
            assertThat(signature.verify(body, changed)).isEqualTo(Match.NONE);
        });
    }

    @Test
    void thePreviousSecretsSignatureIsPrevious() {
        qt().forAll(SECRETS, SECRETS, BODIES).assuming((current, previous, body) -> !current.equals(previous))
                .checkAssert((current, previous, body) -> {
                    String signedBefore = WebhookSignature.of(previous).sign(body);
                    WebhookSignature rotating = WebhookSignature.rotating(current, previous);
                    assertThat(rotating.verify(body, signedBefore)).isEqualTo(Match.PREVIOUS);
                    assertThat(WebhookSignature.of(current).verify(body, signedBefore)).isEqualTo(Match.NONE);
                });
    }

    @Test
    void randomHeadersNeverThrow() {
        WebhookSignature signature = WebhookSignature.of(SECRET);
        qt().forAll(strings().allPossible().ofLengthBetween(0, 80))
                .checkAssert(header -> assertThat(signature.verify(BODY, header)).isEqualTo(Match.NONE));
    }
}
