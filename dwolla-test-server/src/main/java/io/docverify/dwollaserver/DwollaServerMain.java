package io.docverify.dwollaserver;

import io.docverify.config.Durations;
import io.docverify.config.Numbers;
import io.docverify.domain.CustomerId;
import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.ports.sandbox.NewBeneficialOwner;
import io.docverify.ports.sandbox.NewCustomer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the Dwolla test server standalone (QA, benchmarks) and prints its base URL.
 *
 * <pre>
 * java -cp ... io.docverify.dwollaserver.DwollaServerMain [--port 8080] [--host 127.0.0.1] [--key key]
 *     [--secret secret] [--token-ttl PT1H or 1h] [--no-openapi] [--customer id]... [--beneficial-owner id]...
 * </pre>
 * {@code --customer} / {@code --beneficial-owner} seed owners in {@code document} status (a personal customer)
 * with the given ids. The key and secret may also come from {@code DWOLLA_TEST_KEY} / {@code DWOLLA_TEST_SECRET}.
 * The secret is never printed.
 */
public final class DwollaServerMain {
    private DwollaServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        DwollaTestServer server;
        try {
            server = start(args, System.getenv());
        } catch (IllegalArgumentException | io.docverify.domain.error.DocumentException bad) {
            System.err.println(bad.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (server == null) {
            System.out.println(USAGE);
            return;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "dwolla-test-server-shutdown"));
        System.out.println(server.baseUrl());
        System.out.flush();
        stopped.await();
    }

    static final String USAGE = "usage: DwollaServerMain [--port n] [--host h] [--key k] [--secret s]"
            + " [--token-ttl PT1H] [--no-openapi] [--customer id]... [--beneficial-owner id]...";

    /** Starts a server as the arguments and environment say; {@code null} for {@code --help}. */
    static DwollaTestServer start(String[] args, java.util.Map<String, String> env) {
        DwollaServerConfig.Builder builder = DwollaServerConfig.builder();
        String envKey = env.get("DWOLLA_TEST_KEY");
        String envSecret = env.get("DWOLLA_TEST_SECRET");
        if (envKey != null) {
            builder.key(envKey);
        }
        if (envSecret != null) {
            builder.secret(envSecret);
        }
        List<CustomerId> customers = new ArrayList<>();
        List<BeneficialOwnerId> beneficialOwners = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> builder.port(Numbers.parse(arg, value(args, ++i, arg), Integer::parseInt));
                case "--host" -> builder.host(value(args, ++i, arg));
                case "--key" -> builder.key(value(args, ++i, arg));
                case "--secret" -> builder.secret(value(args, ++i, arg));
                case "--token-ttl" -> builder.tokenTtl(Durations.parse(arg, value(args, ++i, arg)));
                case "--no-openapi" -> builder.validateAgainstOpenApi(false);
                case "--customer" -> customers.add(new CustomerId(value(args, ++i, arg)));
                case "--beneficial-owner" -> beneficialOwners.add(new BeneficialOwnerId(value(args, ++i, arg)));
                case "--help", "-h" -> {
                    return null;
                }
                default -> throw new IllegalArgumentException("unknown argument: " + arg);
            }
        }
        DwollaTestServer server = DwollaTestServer.start(builder.build());
        try {
            for (CustomerId id : customers) {
                server.sandbox().createCustomer(new NewCustomer(Optional.of(id), CustomerType.PERSONAL, "Jane", "Doe",
                        Optional.empty(), Optional.of(CustomerStatus.DOCUMENT))).toCompletableFuture().join();
            }
            for (BeneficialOwnerId id : beneficialOwners) {
                server.sandbox().createBeneficialOwner(new NewBeneficialOwner(Optional.of(id), "John", "Doe",
                        Optional.of(BeneficialOwnerStatus.DOCUMENT))).toCompletableFuture().join();
            }
        } catch (RuntimeException seedingFailed) {
            server.close();
            throw new IllegalArgumentException("cannot seed owners: " + seedingFailed.getMessage(), seedingFailed);
        }
        return server;
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[index];
    }
}
