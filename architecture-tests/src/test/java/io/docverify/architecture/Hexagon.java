package io.docverify.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The hexagon's dependency rules as functions of package names, so the same rule definitions run against
 * docverify's real packages (where they must pass) and against a deliberately broken fixture (where they must
 * fail). A rule names packages the way ArchUnit does: {@code "io.docverify.domain.."} is the package and every
 * package below it.
 *
 * @param domain    the domain: JDK only
 * @param ports     the ports and the application services over them: the domain and the JDK only
 * @param adapters  the parent of all adapters; each direct subpackage ({@code adapter.<name>}) is one adapter
 * @param apps      the applications that wire adapters (gRPC service, Dwolla test server, benchmarks)
 * @param libraries docverify's own JDK-only libraries that adapters and apps may use (configuration parsing)
 */
record Hexagon(String domain, List<String> ports, String adapters, List<String> apps, List<String> libraries) {

    /** docverify's own layout. */
    static final Hexagon DOCVERIFY = new Hexagon("io.docverify.domain",
            List.of("io.docverify.ports", "io.docverify.application"),
            "io.docverify.adapter",
            List.of("io.docverify.grpc", "io.docverify.dwollaserver", "io.docverify.benchmarks"),
            List.of("io.docverify.config"));

    /** Libraries that belong in adapters and apps, never in the domain or the ports. */
    static final List<String> FRAMEWORKS = List.of("io.vertx..", "com.fasterxml.jackson..", "io.grpc..",
            "com.google.protobuf..", "io.github.resilience4j..", "io.micrometer..", "io.netty..");

    Hexagon {
        ports = List.copyOf(ports);
        apps = List.copyOf(apps);
        libraries = List.copyOf(libraries);
    }

    /** The domain depends only on itself and {@code java..}. */
    ArchRule domainDependsOnlyOnItselfAndTheJdk() {
        return classes().that().resideInAPackage(below(domain))
                .should().onlyDependOnClassesThat().resideInAnyPackage(below(domain), "java..")
                .as("the domain depends only on itself and the JDK");
    }

    /** The shared libraries depend only on themselves and {@code java..}: any module may use them. */
    ArchRule librariesDependOnlyOnThemselvesAndTheJdk() {
        String[] allowed = Stream.concat(Stream.of("java.."), libraries.stream().map(Hexagon::below))
                .toArray(String[]::new);
        return classes().that().resideInAnyPackage(belowAll(libraries))
                .should().onlyDependOnClassesThat().resideInAnyPackage(allowed)
                .allowEmptyShould(libraries.isEmpty())
                .as("the shared libraries depend only on themselves and the JDK");
    }

    /** The ports depend only on themselves, the domain and {@code java..}. */
    ArchRule portsDependOnlyOnTheDomainAndTheJdk() {
        String[] allowed = Stream.concat(Stream.of(below(domain), "java.."), ports.stream().map(Hexagon::below))
                .toArray(String[]::new);
        return classes().that().resideInAnyPackage(belowAll(ports))
                .should().onlyDependOnClassesThat().resideInAnyPackage(allowed)
                .as("the ports depend only on themselves, the domain and the JDK");
    }

    /** Of docverify's own classes, an adapter uses only the ports, the domain, the shared libraries and adapter code. */
    ArchRule adaptersUseOnlyPortsAndDomain() {
        String root = commonRoot();
        var ours = new ArrayList<String>(ports.stream().map(Hexagon::below).toList());
        ours.add(below(domain));
        ours.add(below(adapters));
        libraries.stream().map(Hexagon::below).forEach(ours::add);
        return classes().that().resideInAPackage(below(adapters))
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(below(root))
                        .or(resideInAnyPackage(ours.toArray(String[]::new))))
                .as("adapters depend only on the ports, the domain, the shared libraries and their own libraries");
    }

    /** No adapter depends on another adapter. */
    ArchRule adaptersDoNotDependOnEachOther() {
        return slices().matching(adapters + ".(*)..")
                .should().notDependOnEachOther()
                .as("adapters never depend on each other");
    }

    /** Only the apps that wire adapters (and the adapters themselves) may depend on an adapter. */
    ArchRule onlyAppsDependOnAdapters() {
        var exempt = new ArrayList<String>(apps.stream().map(Hexagon::below).toList());
        exempt.add(below(adapters));
        return noClasses().that().resideOutsideOfPackages(exempt.toArray(String[]::new))
                .should().dependOnClassesThat().resideInAPackage(below(adapters))
                .as("nothing depends on an adapter except the apps that wire it");
    }

    /** The domain and the ports use none of the given frameworks. */
    ArchRule domainAndPortsUseNone(List<String> frameworks) {
        var core = new ArrayList<String>(ports.stream().map(Hexagon::below).toList());
        core.add(below(domain));
        return noClasses().that().resideInAnyPackage(core.toArray(String[]::new))
                .should().dependOnClassesThat().resideInAnyPackage(frameworks.toArray(String[]::new))
                .as("the domain and the ports use no framework (" + String.join(", ", frameworks) + ")");
    }

    /** The longest package prefix shared by the domain, the ports and the adapters, e.g. {@code io.docverify}. */
    private String commonRoot() {
        var all = new ArrayList<String>(ports);
        all.add(domain);
        all.add(adapters);
        String root = all.get(0);
        for (String p : all) {
            while (!(p + ".").startsWith(root + ".")) {
                root = root.substring(0, Math.max(root.lastIndexOf('.'), 0));
            }
        }
        if (root.isEmpty()) {
            throw new IllegalStateException("the hexagon's packages share no root: " + all);
        }
        return root;
    }

    private static String below(String pkg) {
        return pkg + "..";
    }

    private static String[] belowAll(List<String> packages) {
        return packages.stream().map(Hexagon::below).toArray(String[]::new);
    }
}
