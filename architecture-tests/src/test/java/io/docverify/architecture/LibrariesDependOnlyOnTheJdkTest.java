package io.docverify.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.archfixture.adapter.one.ConfiguredNameStore;
import io.docverify.archfixture.library.Setting;
import io.docverify.archfixture.library.UsesTheDomain;
import org.junit.jupiter.api.Test;

/**
 * docverify's shared libraries (the {@code configuration} module, {@code io.docverify.config}) depend only on the
 * JDK, so that every module may use them; adapters may use them like the ports and the domain.
 */
class LibrariesDependOnlyOnTheJdkTest {

    @Test
    void docverifysSharedLibrariesDependOnlyOnThemselvesAndTheJdk() {
        Hexagon.DOCVERIFY.librariesDependOnlyOnThemselvesAndTheJdk().check(ImportedClasses.production());
    }

    @Test
    void aLibraryThatUsesTheDomainBreaksTheRule() {
        assertThatThrownBy(() -> ImportedClasses.FIXTURE_HEXAGON.librariesDependOnlyOnThemselvesAndTheJdk()
                .check(ImportedClasses.fixture()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(UsesTheDomain.class.getName())
                .hasMessageNotContaining(Setting.class.getName() + ".");
    }

    @Test
    void anAdapterThatUsesALibraryBreaksNoAdapterRule() {
        assertThatThrownBy(() -> ImportedClasses.FIXTURE_HEXAGON.adaptersUseOnlyPortsAndDomain()
                .check(ImportedClasses.fixture()))
                .isInstanceOf(AssertionError.class)
                .hasMessageNotContaining(ConfiguredNameStore.class.getName());
    }
}
