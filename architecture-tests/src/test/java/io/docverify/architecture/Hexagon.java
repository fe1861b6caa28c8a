package io.docverify.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
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
 * @param ports     the ports module's four parts: inbound ports, outbound ports, the plumbing both share, and the
 *                  application services over them; together, the domain and the JDK only
 * @param adapters  the parent of all adapters; each direct subpackage ({@code adapter.<name>}) is one adapter
 * @param standIns  apps that serve a provider as an outside system would (the Dwolla test server): like the
 *                  adapters, they use no application service
 * @param apps      the applications that wire adapters (gRPC service, Dwolla test server, benchmarks)
 * @param libraries docverify's own JDK-only libraries that adapters and apps may use (configuration parsing)
 */
record Hexagon(String domain, Ports ports, String adapters, List<String> standIns, List<String> apps,
        List<String> libraries) {

    /**
     * The parts of the ports module.
     *
     * @param inbound     the use cases the world calls, with their commands and answers
     * @param outbound    what the hexagon needs from the world, in types of its own
     * @param plumbing    what both kinds of port share: the file being uploaded and its stream
     * @param application the services that implement the inbound ports over the outbound ones
     */
    record Ports(List<String> inbound, List<String> outbound, List<String> plumbing, String application) {
        Ports {
            inbound = List.copyOf(inbound);
            outbound = List.copyOf(outbound);
            plumbing = List.copyOf(plumbing);
        }

        /** Every package of the ports module. */
        List<String> all() {
            return Stream.of(inbound.stream(), outbound.stream(), plumbing.stream(), Stream.of(application))
                    .flatMap(s -> s).toList();
        }
    }

    /** docverify's own layout. */
    static final Hexagon DOCVERIFY = new Hexagon("io.docverify.domain",
            new Ports(List.of("io.docverify.ports.in", "io.docverify.ports.sandbox"),
                    List.of("io.docverify.ports.out"),
                    List.of("io.docverify.ports.file", "io.docverify.ports.stream"),
                    "io.docverify.application"),
            "io.docverify.adapter",
            List.of("io.docverify.dwollaserver"),
            List.of("io.docverify.grpc", "io.docverify.dwollaserver", "io.docverify.benchmarks"),
            List.of("io.docverify.config"));

    /** Libraries that belong in adapters and apps, never in the domain or the ports. */
    static final List<String> FRAMEWORKS = List.of("io.vertx..", "com.fasterxml.jackson..", "io.grpc..",
            "com.google.protobuf..", "io.github.resilience4j..", "io.micrometer..", "io.netty..");

    Hexagon {
        standIns = List.copyOf(standIns);
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

    /**
     * Parts of adapters that stay JDK-only although their adapter uses frameworks, so that any receiver can use
     * them: the Dwolla webhook signature verifier.
     */
    static final List<String> JDK_ONLY_ADAPTER_PARTS = List.of("io.docverify.adapter.dwolla.webhook");

    /**
     * The given packages depend only on themselves, {@code java..} and the JDK's cryptography ({@code javax.crypto..}):
     * no framework, and none of docverify's other packages.
     */
    static ArchRule jdkOnly(List<String> packages) {
        String[] allowed = Stream.concat(Stream.of("java..", "javax.crypto.."), packages.stream().map(Hexagon::below))
                .toArray(String[]::new);
        return classes().that().resideInAnyPackage(belowAll(packages))
                .should().onlyDependOnClassesThat().resideInAnyPackage(allowed)
                .as("the JDK-only parts " + packages + " depend only on themselves and the JDK");
    }

    /** The ports depend only on themselves, the domain and {@code java..}. */
    ArchRule portsDependOnlyOnTheDomainAndTheJdk() {
        String[] allowed = Stream.concat(Stream.of(below(domain), "java.."),
                ports.all().stream().map(Hexagon::below)).toArray(String[]::new);
        return classes().that().resideInAnyPackage(belowAll(ports.all()))
                .should().onlyDependOnClassesThat().resideInAnyPackage(allowed)
                .as("the ports depend only on themselves, the domain and the JDK");
    }

    /** Of docverify's own classes, an adapter uses only the ports, the domain, the shared libraries and adapter code. */
    ArchRule adaptersUseOnlyPortsAndDomain() {
        String root = commonRoot();
        var ours = new ArrayList<String>(ports.all().stream().map(Hexagon::below).toList());
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
        var core = new ArrayList<String>(ports.all().stream().map(Hexagon::below).toList());
        core.add(below(domain));
        return noClasses().that().resideInAnyPackage(core.toArray(String[]::new))
                .should().dependOnClassesThat().resideInAnyPackage(frameworks.toArray(String[]::new))
                .as("the domain and the ports use no framework (" + String.join(", ", frameworks) + ")");
    }

    /**
     * The values of docverify's domain root that the domain's subpackages use although the root uses those
     * subpackages back: the ids, the document type and {@code Result}. The root is both the domain's kernel and its
     * aggregate, and {@code DocumentId} and {@code DocumentError} need each other ({@code DocumentId} is validated
     * into a {@code ValidationError}; a {@code DuplicateResource} error names the existing document), so
     * untangling it means moving classes that every module imports. {@link #noPackageCycles(List)} forgives only a
     * subpackage's use of these classes; every other cycle, in the domain or anywhere else, fails.
     */
    static final List<String> DOMAIN_KERNEL = Stream.of("DocumentId", "OwnerId", "CustomerId", "BeneficialOwnerId",
            "DocumentType", "Result").map(name -> "io.docverify.domain." + name).toList();

    /** No package cycles: each package is a slice, and no slice depends on itself through others. */
    ArchRule noPackageCycles() {
        return noPackageCycles(List.of());
    }

    /**
     * No package cycles, forgiving only the domain's subpackages their use of the given classes of the domain's
     * root package (and their nested classes).
     */
    ArchRule noPackageCycles(List<String> kernel) {
        DescribedPredicate<JavaClass> inADomainSubpackage = DescribedPredicate.describe("a domain subpackage",
                c -> c.getPackageName().startsWith(domain + "."));
        DescribedPredicate<JavaClass> inTheKernel = DescribedPredicate.describe("the domain kernel " + kernel,
                c -> kernel.contains(c.getName().split("\\$", 2)[0]));
        return slices().matching(commonRoot() + ".(**)")
                .should().beFreeOfCycles()
                .ignoreDependency(inADomainSubpackage, inTheKernel)
                .as(kernel.isEmpty() ? "no package depends on itself through other packages"
                        : "no package depends on itself through other packages (but for the domain kernel)");
    }

    /** An outbound port is stated in its own types: it uses no inbound port and no application service. */
    ArchRule outboundPortsUseNoInboundPortOrApplication() {
        var inside = Stream.concat(ports.inbound().stream(), Stream.of(ports.application()))
                .map(Hexagon::below).toArray(String[]::new);
        return noClasses().that().resideInAnyPackage(belowAll(ports.outbound()))
                .should().dependOnClassesThat().resideInAnyPackage(inside)
                .as("the outbound ports use no inbound-port type and no application service");
    }

    /** An inbound port knows nothing of the services that implement it. */
    ArchRule inboundPortsUseNoApplication() {
        return noClasses().that().resideInAnyPackage(belowAll(ports.inbound()))
                .should().dependOnClassesThat().resideInAPackage(below(ports.application()))
                .as("the inbound ports use no application service");
    }

    /** The plumbing (the file and its stream) depends only on itself, the domain and the JDK. */
    ArchRule plumbingDependsOnlyOnItselfTheDomainAndTheJdk() {
        String[] allowed = Stream.concat(Stream.of(below(domain), "java.."),
                ports.plumbing().stream().map(Hexagon::below)).toArray(String[]::new);
        return classes().that().resideInAnyPackage(belowAll(ports.plumbing()))
                .should().onlyDependOnClassesThat().resideInAnyPackage(allowed)
                .as("the file and stream plumbing depends only on itself, the domain and the JDK");
    }

    /** Neither an adapter nor a stand-in server uses the application services: they are the provider's side. */
    ArchRule adaptersUseNoApplicationService() {
        var providerSide = new ArrayList<String>(standIns.stream().map(Hexagon::below).toList());
        providerSide.add(below(adapters));
        return noClasses().that().resideInAnyPackage(providerSide.toArray(String[]::new))
                .should().dependOnClassesThat().resideInAPackage(below(ports.application()))
                .as("no adapter and no stand-in server uses the application services");
    }

    /** The longest package prefix shared by the domain, the ports and the adapters, e.g. {@code io.docverify}. */
    private String commonRoot() {
        var all = new ArrayList<String>(ports.all());
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
