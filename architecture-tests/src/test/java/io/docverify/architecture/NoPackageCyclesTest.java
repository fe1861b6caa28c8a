package io.docverify.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.archfixture.domain.Name;
import io.docverify.archfixture.ports.file.NameFile;
import io.docverify.archfixture.ports.stream.UsesTheFile;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every package of docverify is a slice, and no package depends on itself through other packages; the one
 * exception is the domain's subpackages' use of the domain kernel ({@link Hexagon#DOMAIN_KERNEL}).
 */
class NoPackageCyclesTest {

    @Test
    void docverifysPackagesAreFreeOfCyclesButForTheDomainKernel() {
        Hexagon.DOCVERIFY.noPackageCycles(Hexagon.DOMAIN_KERNEL).check(ImportedClasses.production());
    }

    @Test
    void theDomainKernelExceptionIsStillNeeded() {
        // When this fails, the domain is untangled: drop DOMAIN_KERNEL and check noPackageCycles() instead.
        assertThatThrownBy(() -> Hexagon.DOCVERIFY.noPackageCycles().check(ImportedClasses.production()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Slice domain");
    }

    @Test
    void twoPackagesThatUseEachOtherBreakTheRule() {
        assertThatThrownBy(() -> ImportedClasses.FIXTURE_HEXAGON.noPackageCycles().check(ImportedClasses.fixture()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(UsesTheFile.class.getName())
                .hasMessageContaining(NameFile.class.getName());
    }

    @Test
    void aKernelForgivesNoCycleOutsideTheDomain() {
        assertThatThrownBy(() -> ImportedClasses.FIXTURE_HEXAGON.noPackageCycles(List.of(Name.class.getName()))
                .check(ImportedClasses.fixture()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(UsesTheFile.class.getName());
    }
}
