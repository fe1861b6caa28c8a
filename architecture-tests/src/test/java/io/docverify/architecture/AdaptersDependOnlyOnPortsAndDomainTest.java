package io.docverify.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.archfixture.adapter.one.MemoryNameStore;
import io.docverify.archfixture.adapter.two.UsesTheApp;
import io.docverify.archfixture.adapter.two.UsesTheOtherAdapter;
import org.junit.jupiter.api.Test;

/**
 * Each adapter ({@code io.docverify.adapter.<name>..}) depends on the ports, the domain and its own libraries,
 * never on another adapter and never on an app.
 */
class AdaptersDependOnlyOnPortsAndDomainTest {

    @Test
    void docverifysAdaptersUseOnlyThePortsAndTheDomainOfDocverify() {
        Hexagon.DOCVERIFY.adaptersUseOnlyPortsAndDomain().check(ImportedClasses.production());
    }

    @Test
    void docverifysAdaptersDoNotDependOnEachOther() {
        Hexagon.DOCVERIFY.adaptersDoNotDependOnEachOther().check(ImportedClasses.production());
    }

    @Test
    void anAdapterThatReachesIntoAnAppBreaksTheRule() {
        assertThatThrownBy(() -> ImportedClasses.FIXTURE_HEXAGON.adaptersUseOnlyPortsAndDomain()
                .check(ImportedClasses.fixture()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(UsesTheApp.class.getName());
    }

    @Test
    void anAdapterThatUsesAnotherAdapterBreaksTheRule() {
        assertThatThrownBy(() -> ImportedClasses.FIXTURE_HEXAGON.adaptersDoNotDependOnEachOther()
                .check(ImportedClasses.fixture()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(UsesTheOtherAdapter.class.getName())
                .hasMessageContaining(MemoryNameStore.class.getName());
    }
}
