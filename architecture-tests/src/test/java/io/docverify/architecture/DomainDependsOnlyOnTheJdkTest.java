package io.docverify.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.archfixture.domain.UsesAPort;
import io.docverify.archfixture.domain.UsesJackson;
import org.junit.jupiter.api.Test;

/** The domain module is pure: it depends on itself and the JDK, nothing else. */
class DomainDependsOnlyOnTheJdkTest {

    @Test
    void docverifysDomainDependsOnlyOnItselfAndTheJdk() {
        Hexagon.DOCVERIFY.domainDependsOnlyOnItselfAndTheJdk().check(ImportedClasses.production());
    }

    @Test
    void aDomainClassThatUsesALibraryOrAPortBreaksTheRule() {
        assertThatThrownBy(() -> ImportedClasses.FIXTURE_HEXAGON.domainDependsOnlyOnItselfAndTheJdk()
                .check(ImportedClasses.fixture()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(UsesJackson.class.getName())
                .hasMessageContaining(UsesAPort.class.getName());
    }
}
