package io.docverify.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.archfixture.adapter.two.UsesAnApplicationService;
import io.docverify.archfixture.app.Wiring;
import io.docverify.archfixture.server.ServesAnApplicationService;
import org.junit.jupiter.api.Test;

/**
 * No adapter ({@code io.docverify.adapter..}) and no stand-in server ({@code io.docverify.dwollaserver..}) uses the
 * application services ({@code io.docverify.application..}): they are the provider's side of the hexagon.
 */
class AdaptersUseNoApplicationServiceTest {

    @Test
    void docverifysAdaptersAndTheDwollaTestServerUseNoApplicationService() {
        Hexagon.DOCVERIFY.adaptersUseNoApplicationService().check(ImportedClasses.production());
    }

    @Test
    void anAdapterOrAStandInThatUsesAnApplicationServiceBreaksTheRule() {
        assertThatThrownBy(() -> ImportedClasses.FIXTURE_HEXAGON.adaptersUseNoApplicationService()
                .check(ImportedClasses.fixture()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(UsesAnApplicationService.class.getName())
                .hasMessageContaining(ServesAnApplicationService.class.getName())
                .hasMessageNotContaining(Wiring.class.getName());
    }
}
