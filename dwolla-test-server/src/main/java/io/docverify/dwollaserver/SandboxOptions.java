package io.docverify.dwollaserver;

import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.config.Durations;
import io.docverify.config.Numbers;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox jar's settings, from its flags and {@code DWOLLA_SANDBOX_*} variables (a flag wins over its
 * variable). Without a key or secret, random ones are made (and printed by {@link DwollaServerMain}).
 *
 * @param config           the server's configuration
 * @param customers        ids of customers to seed in {@code document} status
 * @param beneficialOwners ids of beneficial owners to seed in {@code document} status
 * @param logLevel         the log level (standard error)
 * @param help             true for {@code --help}: start nothing
 */
record SandboxOptions(DwollaServerConfig config, List<String> customers, List<String> beneficialOwners,
        String logLevel, boolean help) {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar docverify-dwolla-sandbox.jar [flags]   (a flag wins over its variable)",
            "  --host h              DWOLLA_SANDBOX_HOST              address to bind (127.0.0.1)",
            "  --port n              DWOLLA_SANDBOX_PORT              port, 0 = any free port (0)",
            "  --key k               DWOLLA_SANDBOX_KEY               client key (random)",
            "  --secret s            DWOLLA_SANDBOX_SECRET            client secret (random)",
            "  --token-ttl PT1H      DWOLLA_SANDBOX_TOKEN_TTL         token lifetime, ISO-8601 or 30s/5m/1h (1h)",
            "  --customer id         DWOLLA_SANDBOX_CUSTOMERS         seed customers in document status (repeat; "
                    + "variable: comma-separated)",
            "  --beneficial-owner id DWOLLA_SANDBOX_BENEFICIAL_OWNERS seed beneficial owners in document status",
            "  --no-openapi          DWOLLA_SANDBOX_OPENAPI=false     do not check traffic against Dwolla's OpenAPI",
            "  --log-level LEVEL     DWOLLA_SANDBOX_LOG_LEVEL         log level on standard error (INFO)",
            "  --max-owners n        DWOLLA_SANDBOX_MAX_OWNERS        owners held at most, then 400 "
                    + "MaxNumberOfResources (250000)",
            "  --max-documents n     DWOLLA_SANDBOX_MAX_DOCUMENTS     documents held at most (1000000)",
            "  --state FILE          DWOLLA_SANDBOX_STATE             keep owners, documents, events and webhook "
                    + "subscriptions (with their secrets) in FILE across restarts (none)",
            "  --state-interval 60s  DWOLLA_SANDBOX_STATE_INTERVAL    also write FILE this often while running, if "
                    + "something changed; off: only on stop (60s)",
            "  --help");

    private static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    /** Parses flags over variables; throws {@link IllegalArgumentException} naming the bad flag or variable. */
    static SandboxOptions parse(String[] args, Map<String, String> env) {
        DwollaServerConfig.Builder builder = DwollaServerConfig.builder();
        Optional<String> host = variable(env, "DWOLLA_SANDBOX_HOST");
        Optional<String> port = variable(env, "DWOLLA_SANDBOX_PORT");
        Optional<String> key = variable(env, "DWOLLA_SANDBOX_KEY").or(() -> variable(env, "DWOLLA_TEST_KEY"));
        Optional<String> secret = variable(env, "DWOLLA_SANDBOX_SECRET")
                .or(() -> variable(env, "DWOLLA_TEST_SECRET"));
        Optional<String> ttl = variable(env, "DWOLLA_SANDBOX_TOKEN_TTL");
        Optional<String> openApi = variable(env, "DWOLLA_SANDBOX_OPENAPI");
        String logLevel = variable(env, "DWOLLA_SANDBOX_LOG_LEVEL").orElse("INFO");
        Optional<String> maxOwners = variable(env, "DWOLLA_SANDBOX_MAX_OWNERS");
        Optional<String> maxDocuments = variable(env, "DWOLLA_SANDBOX_MAX_DOCUMENTS");
        Optional<String> state = variable(env, "DWOLLA_SANDBOX_STATE");
        Optional<String> stateInterval = variable(env, "DWOLLA_SANDBOX_STATE_INTERVAL");
        List<String> customers = new ArrayList<>(list(env, "DWOLLA_SANDBOX_CUSTOMERS"));
        List<String> owners = new ArrayList<>(list(env, "DWOLLA_SANDBOX_BENEFICIAL_OWNERS"));
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> port = Optional.of(value(args, ++i, arg));
                case "--host" -> host = Optional.of(value(args, ++i, arg));
                case "--key" -> key = Optional.of(value(args, ++i, arg));
                case "--secret" -> secret = Optional.of(value(args, ++i, arg));
                case "--token-ttl" -> ttl = Optional.of(value(args, ++i, arg));
                case "--no-openapi" -> openApi = Optional.of("false");
                case "--customer" -> customers.add(value(args, ++i, arg));
                case "--beneficial-owner" -> owners.add(value(args, ++i, arg));
                case "--log-level" -> logLevel = value(args, ++i, arg);
                case "--max-owners" -> maxOwners = Optional.of(value(args, ++i, arg));
                case "--max-documents" -> maxDocuments = Optional.of(value(args, ++i, arg));
                case "--state" -> state = Optional.of(value(args, ++i, arg));
                case "--state-interval" -> stateInterval = Optional.of(value(args, ++i, arg));
                case "--help", "-h" -> {
                    return new SandboxOptions(builder.build(), List.of(), List.of(), "INFO", true);
                }
                default -> throw new IllegalArgumentException("unknown argument: " + arg);
            }
        }
        host.ifPresent(builder::host);
        port.ifPresent(p -> builder.port(Numbers.parse("port", p, Integer::parseInt)));
        builder.key(key.orElseGet(() -> random("key-", 20)));
        builder.secret(secret.orElseGet(() -> random("", 40)));
        ttl.ifPresent(t -> builder.tokenTtl(Durations.parse("token lifetime", t)));
        openApi.ifPresent(o -> builder.validateAgainstOpenApi(bool("DWOLLA_SANDBOX_OPENAPI", o)));
        InMemoryConfig backend = InMemoryConfig.DEFAULTS;
        if (maxOwners.isPresent()) {
            backend = backend.withMaxOwners(positive("max owners (--max-owners, DWOLLA_SANDBOX_MAX_OWNERS)",
                    maxOwners.get()));
        }
        if (maxDocuments.isPresent()) {
            backend = backend.withMaxDocuments(positive(
                    "max documents (--max-documents, DWOLLA_SANDBOX_MAX_DOCUMENTS)", maxDocuments.get()));
        }
        builder.backend(backend);
        state.ifPresent(file -> builder.stateFile(java.nio.file.Path.of(file)));
        stateInterval.ifPresent(i -> builder.stateInterval(i.trim().equalsIgnoreCase("off") ? java.time.Duration.ZERO
                : Durations.parse("state interval (--state-interval, DWOLLA_SANDBOX_STATE_INTERVAL)", i)));
        String level = logLevel.trim().toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(level)) {
            throw new IllegalArgumentException("log level must be one of " + LEVELS + ": " + logLevel);
        }
        return new SandboxOptions(builder.build(), List.copyOf(customers), List.copyOf(owners), level, false);
    }

    private static Optional<String> variable(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static List<String> list(Map<String, String> env, String name) {
        return variable(env, name).stream().flatMap(v -> List.of(v.split("[,\\s]+")).stream())
                .filter(v -> !v.isEmpty()).toList();
    }

    private static int positive(String name, String value) {
        int n = Numbers.parse(name, value.trim(), Integer::parseInt);
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + value);
        }
        return n;
    }

    private static boolean bool(String name, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "1" -> true;
            case "false", "off", "no", "0" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false: " + value);
        };
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[index];
    }

    private static String random(String prefix, int length) {
        char[] alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
        var random = new SecureRandom();
        var out = new StringBuilder(prefix);
        for (int i = 0; i < length; i++) {
            out.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return out.toString();
    }
}
