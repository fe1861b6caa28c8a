package io.docverify.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.archfixture.app.Wiring;
import io.docverify.archfixture.ports.out.UsesAnAdapter;
import org.junit.jupiter.api.Test;

/**
 * Nothing depends on an adapter except the applications that wire it ({@code io.docverify.grpc..},
 * {@code io.docverify.dwollaserver..}, {@code io.docverify.benchmarks..}).
 */
class OnlyTheAppsDependOnAdaptersTest {

    @Test
    void nothingInDocverifyButTheAppsDependsOnAnAdapter() {
        Hexagon.DOCVERIFY.onlyAppsDependOnAdapters().check(ImportedClasses.production());
    }

    @Test
    void aPortThatUsesAnAdapterBreaksTheRuleWhileTheAppMayWireAdapters() {
        assertThatThrownBy(() -> ImportedClasses.FIXTURE_HEXAGON.onlyAppsDependOnAdapters()
                .check(ImportedClasses.fixture()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(UsesAnAdapter.class.getName())
                .hasMessageNotContaining(Wiring.class.getName());
    }
}
