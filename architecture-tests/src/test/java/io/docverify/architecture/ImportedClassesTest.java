package io.docverify.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/**
 * The rules are only as good as what they look at: the production import must hold every module under the
 * rules and no test code, or a rule could pass by looking at nothing.
 */
class ImportedClassesTest {

    @Test
    void theProductionImportHoldsTheDomainThePortsAndTheAdapters() {
        JavaClasses production = ImportedClasses.production();
        assertThat(production.contain("io.docverify.domain.OwnerDocuments")).isTrue();
        assertThat(production.contain("io.docverify.ports.out.DocumentProvider")).isTrue();
        assertThat(production.contain("io.docverify.application.DocumentService")).isTrue();
        assertThat(production.contain("io.docverify.adapter.inmemory.InMemoryDwolla")).isTrue();
        assertThat(production.contain("io.docverify.adapter.dwolla.DwollaDocumentProvider")).isTrue();
        assertThat(production.contain("io.docverify.adapter.postgres.PostgresStores")).isTrue();
        assertThat(production.contain("io.docverify.dwollaserver.DwollaTestServer")).isTrue();
        assertThat(production.contain("io.docverify.grpc.backend.DwollaBackend")).isTrue();
    }

    @Test
    void everyPackageOfThePortsModuleIsOneOfTheHexagonsParts() {
        var parts = Hexagon.DOCVERIFY.ports().all();
        assertThat(ImportedClasses.production().stream().map(JavaClass::getPackageName))
                .filteredOn(pkg -> pkg.startsWith("io.docverify.ports") || pkg.startsWith("io.docverify.application"))
                .isNotEmpty()
                .allMatch(pkg -> parts.stream().anyMatch(part -> pkg.equals(part) || pkg.startsWith(part + ".")),
                        "in one of " + parts);
    }

    @Test
    void theProductionImportHoldsNoTestClassesTestJarsOrFixture() {
        assertThat(ImportedClasses.production().stream().map(JavaClass::getName))
                .noneMatch(name -> name.startsWith(ImportedClasses.FIXTURE))
                .noneMatch(name -> name.startsWith("io.docverify.ports.contract."))
                .noneMatch(name -> name.endsWith("Test") || name.contains("Test$"));
    }

    @Test
    void theFixtureImportHoldsTheBrokenMiniatureOnly() {
        assertThat(ImportedClasses.fixture().stream().map(JavaClass::getName))
                .isNotEmpty()
                .allMatch(name -> name.startsWith(ImportedClasses.FIXTURE));
    }
}
