package io.docverify.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.archfixture.ports.out.UsesAnAdapter;
import org.junit.jupiter.api.Test;

/** The ports (and the application services over them) depend only on the domain and the JDK. */
class PortsDependOnlyOnTheDomainTest {

    @Test
    void docverifysPortsDependOnlyOnThemselvesTheDomainAndTheJdk() {
        Hexagon.DOCVERIFY.portsDependOnlyOnTheDomainAndTheJdk().check(ImportedClasses.production());
    }

    @Test
    void aPortThatUsesAnAdapterBreaksTheRule() {
        assertThatThrownBy(() -> ImportedClasses.FIXTURE_HEXAGON.portsDependOnlyOnTheDomainAndTheJdk()
                .check(ImportedClasses.fixture()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(UsesAnAdapter.class.getName());
    }
}
