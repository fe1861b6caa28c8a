package io.docverify.dwollaserver;

import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.ports.sandbox.NewBeneficialOwner;
import io.docverify.ports.sandbox.NewCustomer;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * The Dwolla sandbox: runs the Dwolla test server standalone, {@code java -jar docverify-dwolla-sandbox.jar --port
 * 8080} (flags and {@code DWOLLA_SANDBOX_*} variables: {@link SandboxOptions#USAGE}). Standard output carries
 * exactly three lines, {@code DWOLLA_SANDBOX_URL=...}, {@code DWOLLA_SANDBOX_KEY=...} and
 * {@code DWOLLA_SANDBOX_SECRET=...} (the credentials to give Dwolla's SDKs); the log goes to standard error, INFO by
 * default, and never carries the key, the secret or tokens. {@code --customer} / {@code --beneficial-owner} seed owners in
 * {@code document} status (a personal customer) with the given ids.
 */
public final class DwollaServerMain {
    private DwollaServerMain() {
    }

    /** Starts the sandbox and runs until the process is stopped (SIGTERM, Ctrl-C). */
    public static void main(String[] args) throws InterruptedException {
        SandboxOptions options;
        try {
            options = SandboxOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException bad) {
            System.err.println(bad.getMessage());
            System.err.println(SandboxOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(SandboxOptions.USAGE);
            return;
        }
        configureLogging(options.logLevel());
        DwollaTestServer server;
        try {
            server = start(options);
        } catch (RuntimeException cannotStart) {
            System.err.println("cannot start the Dwolla sandbox: " + cannotStart.getMessage());
            System.exit(1);
            return;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            int violations = server.openApiViolations().size();
            server.close();
            // Only the count: a violation's text may quote request values.
            LoggerFactory.getLogger(DwollaServerMain.class).info("Dwolla sandbox stopped; OpenAPI violations: {}",
                    violations);
            stopped.countDown();
        }, "dwolla-sandbox-shutdown"));
        printCredentials(server, System.out);
        LoggerFactory.getLogger(DwollaServerMain.class).info(
                "Dwolla sandbox listening on {} (token lifetime {}, OpenAPI checking {}, {} seeded owners)",
                server.baseUrl(), server.config().tokenTtl(),
                server.config().validateAgainstOpenApi() ? "on" : "off",
                options.customers().size() + options.beneficialOwners().size());
        stopped.await();
    }

    /** The three lines of standard output. */
    static void printCredentials(DwollaTestServer server, PrintStream out) {
        out.println("DWOLLA_SANDBOX_URL=" + server.baseUrl());
        out.println("DWOLLA_SANDBOX_KEY=" + server.config().key());
        out.println("DWOLLA_SANDBOX_SECRET=" + server.config().secret());
        out.flush();
    }

    /** Before the first logger: the jar's logback configuration at the chosen level, Vert.x through SLF4J. */
    private static void configureLogging(String level) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "io/docverify/dwollaserver/sandbox-logback.xml");
        }
        System.setProperty("dwolla.sandbox.log.level", level);
        if (System.getProperty("vertx.logger-delegate-factory-class-name") == null) {
            System.setProperty("vertx.logger-delegate-factory-class-name",
                    "io.vertx.core.logging.SLF4JLogDelegateFactory");
        }
    }

    /** Starts a server as the arguments and environment say; {@code null} for {@code --help}. */
    static DwollaTestServer start(String[] args, Map<String, String> env) {
        SandboxOptions options = SandboxOptions.parse(args, env);
        return options.help() ? null : start(options);
    }

    static DwollaTestServer start(SandboxOptions options) {
        DwollaTestServer server = DwollaTestServer.start(options.config());
        try {
            for (String id : options.customers()) {
                if (exists(server, new CustomerId(SandboxIds.canonical(id)))) {
                    continue; // restored from the state file
                }
                server.sandbox().createCustomer(new NewCustomer(Optional.of(new CustomerId(SandboxIds.canonical(id))),
                        CustomerType.PERSONAL, "Jane", "Doe", Optional.empty(), Optional.of(CustomerStatus.DOCUMENT)))
                        .toCompletableFuture().join();
            }
            for (String id : options.beneficialOwners()) {
                if (exists(server, new BeneficialOwnerId(SandboxIds.canonical(id)))) {
                    continue;
                }
                server.sandbox().createBeneficialOwner(new NewBeneficialOwner(
                        Optional.of(new BeneficialOwnerId(SandboxIds.canonical(id))), "John", "Doe",
                        Optional.of(BeneficialOwnerStatus.DOCUMENT))).toCompletableFuture().join();
            }
        } catch (RuntimeException seedingFailed) {
            server.close();
            throw new IllegalArgumentException("cannot seed owners: " + seedingFailed.getMessage(), seedingFailed);
        }
        return server;
    }

    private static boolean exists(DwollaTestServer server, io.docverify.domain.OwnerId id) {
        return !server.sandbox().owner(id).toCompletableFuture().isCompletedExceptionally();
    }
}
