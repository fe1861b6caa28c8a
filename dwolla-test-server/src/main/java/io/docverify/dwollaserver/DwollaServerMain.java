package io.docverify.dwollaserver;

import io.docverify.domain.CustomerId;
import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.ports.sandbox.NewBeneficialOwner;
import io.docverify.ports.sandbox.NewCustomer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the Dwolla test server standalone (QA, benchmarks) and prints its base URL.
 *
 * <pre>
 * java -cp ... io.docverify.dwollaserver.DwollaServerMain [--port 8080] [--host 127.0.0.1] [--key key]
 *     [--secret secret] [--token-ttl PT1H] [--no-openapi] [--customer id]... [--beneficial-owner id]...
 * </pre>
 * {@code --customer} / {@code --beneficial-owner} seed owners in {@code document} status (a personal customer)
 * with the given ids. The key and secret may also come from {@code DWOLLA_TEST_KEY} / {@code DWOLLA_TEST_SECRET}.
 * The secret is never printed.
 */
public final class DwollaServerMain {
    private DwollaServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        DwollaServerConfig.Builder builder = DwollaServerConfig.builder();
        String envKey = System.getenv("DWOLLA_TEST_KEY");
        String envSecret = System.getenv("DWOLLA_TEST_SECRET");
        if (envKey != null) {
            builder.key(envKey);
        }
        if (envSecret != null) {
            builder.secret(envSecret);
        }
        List<String> customers = new ArrayList<>();
        List<String> beneficialOwners = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> builder.port(Integer.parseInt(value(args, ++i, arg)));
                case "--host" -> builder.host(value(args, ++i, arg));
                case "--key" -> builder.key(value(args, ++i, arg));
                case "--secret" -> builder.secret(value(args, ++i, arg));
                case "--token-ttl" -> builder.tokenTtl(Duration.parse(value(args, ++i, arg)));
                case "--no-openapi" -> builder.validateAgainstOpenApi(false);
                case "--customer" -> customers.add(value(args, ++i, arg));
                case "--beneficial-owner" -> beneficialOwners.add(value(args, ++i, arg));
                case "--help", "-h" -> {
                    System.out.println("usage: DwollaServerMain [--port n] [--host h] [--key k] [--secret s]"
                            + " [--token-ttl PT1H] [--no-openapi] [--customer id]... [--beneficial-owner id]...");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument: " + arg);
            }
        }
        DwollaTestServer server = DwollaTestServer.start(builder.build());
        for (String id : customers) {
            server.sandbox().createCustomer(new NewCustomer(Optional.of(new CustomerId(id)),
                    CustomerType.PERSONAL, "Jane", "Doe", Optional.empty(), Optional.of(CustomerStatus.DOCUMENT))).toCompletableFuture().join();
        }
        for (String id : beneficialOwners) {
            server.sandbox().createBeneficialOwner(new NewBeneficialOwner(Optional.of(new BeneficialOwnerId(id)),
                    "John", "Doe", Optional.of(BeneficialOwnerStatus.DOCUMENT))).toCompletableFuture().join();
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

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[index];
    }
}
