package io.docverify.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.archfixture.ports.file.NameFile;
import io.docverify.archfixture.ports.stream.UsesAnOutboundPort;
import org.junit.jupiter.api.Test;

/**
 * The plumbing both kinds of port share ({@code io.docverify.ports.file}, {@code ports.stream}) depends only on
 * itself, the domain and the JDK; which way the file and the stream may use each other, the cycle rule says.
 */
class PlumbingDependsOnlyOnTheDomainTest {

    @Test
    void docverifysFileAndStreamPlumbingDependsOnlyOnItselfTheDomainAndTheJdk() {
        Hexagon.DOCVERIFY.plumbingDependsOnlyOnItselfTheDomainAndTheJdk().check(ImportedClasses.production());
    }

    @Test
    void plumbingThatUsesAPortBreaksTheRule() {
        assertThatThrownBy(() -> ImportedClasses.FIXTURE_HEXAGON.plumbingDependsOnlyOnItselfTheDomainAndTheJdk()
                .check(ImportedClasses.fixture()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(UsesAnOutboundPort.class.getName())
                .hasMessageNotContaining(NameFile.class.getName());
    }
}
