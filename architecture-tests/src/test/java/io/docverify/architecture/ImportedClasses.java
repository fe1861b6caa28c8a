package io.docverify.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The classes the rules look at, imported once per test run: docverify's production classes (every module on
 * this module's test classpath, without test classes and without test jars such as the ports' shared behaviour
 * suite), and the deliberately broken fixture, which lives in this module's test classes.
 */
final class ImportedClasses {
    /** The package of the fixture that breaks every rule. */
    static final String FIXTURE = "io.docverify.archfixture";

    /** The fixture's layout, mirroring docverify's. */
    static final Hexagon FIXTURE_HEXAGON = new Hexagon(FIXTURE + ".domain",
            new Hexagon.Ports(List.of(FIXTURE + ".ports.in"), List.of(FIXTURE + ".ports.out"),
                    List.of(FIXTURE + ".ports.file", FIXTURE + ".ports.stream"), FIXTURE + ".application"),
            FIXTURE + ".adapter", List.of(FIXTURE + ".server"), List.of(FIXTURE + ".app", FIXTURE + ".server"),
            List.of(FIXTURE + ".library"));

    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar!/.*");

    private static JavaClasses production;
    private static JavaClasses fixture;

    private ImportedClasses() {
    }

    /** docverify's production classes. */
    static synchronized JavaClasses production() {
        if (production == null) {
            production = new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .withImportOption(ImportedClasses::notATestJar)
                    .withImportOption(location -> !location.contains("/archfixture/"))
                    .importPackages("io.docverify");
        }
        return production;
    }

    /** The broken fixture. */
    static synchronized JavaClasses fixture() {
        if (fixture == null) {
            fixture = new ClassFileImporter().importPackages(FIXTURE);
        }
        return fixture;
    }

    private static boolean notATestJar(Location location) {
        return !location.matches(TEST_JAR);
    }
}
