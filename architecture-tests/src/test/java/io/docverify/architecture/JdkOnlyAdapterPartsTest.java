package io.docverify.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.archfixture.adapter.one.verifier.Hmac;
import io.docverify.archfixture.adapter.one.verifier.UsesJackson;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Some parts of an adapter stay JDK-only so that any receiver, whatever its framework, can use them: the Dwolla
 * webhook signature verifier ({@code io.docverify.adapter.dwolla.webhook}) uses {@code java..} and
 * {@code javax.crypto..} only.
 */
class JdkOnlyAdapterPartsTest {

    @Test
    void theDwollaWebhookVerifierDependsOnlyOnTheJdk() {
        Hexagon.jdkOnly(Hexagon.JDK_ONLY_ADAPTER_PARTS).check(ImportedClasses.production());
    }

    @Test
    void aJdkOnlyPartThatUsesJacksonBreaksTheRule() {
        assertThatThrownBy(() -> Hexagon.jdkOnly(List.of(ImportedClasses.FIXTURE + ".adapter.one.verifier"))
                .check(ImportedClasses.fixture()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(UsesJackson.class.getName())
                .hasMessageNotContaining(Hmac.class.getName() + ".");
    }
}
