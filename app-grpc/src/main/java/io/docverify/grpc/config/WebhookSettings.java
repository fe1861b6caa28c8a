package io.docverify.grpc.config;

import io.docverify.adapter.dwolla.DwollaEventJson;
import io.docverify.adapter.dwolla.webhook.WebhookSignature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The webhook intake: Dwolla's webhooks received on their own HTTP port and path ({@code DOCVERIFY_WEBHOOK_*}). The
 * intake runs when a secret is set and the port is not {@code off}. No secret appears in {@link #toString()}.
 *
 * @param secret          {@code DOCVERIFY_WEBHOOK_SECRET} or the content of {@code DOCVERIFY_WEBHOOK_SECRET_FILE}
 *                        (not both): the subscription's secret, at most 128 characters; unset: no intake
 * @param previousSecret  {@code DOCVERIFY_WEBHOOK_PREVIOUS_SECRET} or {@code _PREVIOUS_SECRET_FILE}: during a
 *                        rotation, the secret of the subscription being replaced, also accepted
 * @param bindAddress     {@code DOCVERIFY_WEBHOOK_BIND_ADDRESS}: default {@code DOCVERIFY_BIND_ADDRESS}'s
 * @param port            {@code DOCVERIFY_WEBHOOK_PORT}: default 8090; 0 picks a free port; {@code off}: no intake
 * @param path            {@code DOCVERIFY_WEBHOOK_PATH}: default {@code /dwolla/webhooks}
 * @param maxBytes        {@code DOCVERIFY_WEBHOOK_MAX_BYTES}: the largest body, default 16384 (events are a few KiB)
 * @param replayWindow    {@code DOCVERIFY_WEBHOOK_REPLAY_WINDOW}: an event created longer ago is refused as a replay,
 *                        default 73h (Dwolla's last retry is 72 h after the first attempt, plus a margin); event ids
 *                        are kept at least this long
 * @param tls             {@code DOCVERIFY_WEBHOOK_TLS_CERT_FILE} and {@code DOCVERIFY_WEBHOOK_TLS_KEY_FILE}: HTTPS;
 *                        plaintext when unset (behind a TLS-terminating proxy)
 * @param reconcileInterval {@code DOCVERIFY_WEBHOOK_RECONCILE_INTERVAL}: how often the event feed is read back besides
 *                        at start and after failed reads, default 1h; {@code off}: never
 * @param maxInboxEvents  {@code DOCVERIFY_WEBHOOK_INBOX_MAX_EVENTS}: ids the in-memory inbox keeps at most, default
 *                        100000
 * @param knownDocuments  {@code DOCVERIFY_WEBHOOK_KNOWN_DOCUMENTS}: documents whose last state the processor remembers
 *                        (least recently seen forgotten first), default 10000; an event that can announce nothing
 *                        beyond a remembered state (an {@code _uploaded} event, or any event of a reviewed document)
 *                        is processed without reading the document
 * @param publicUrl       {@code DOCVERIFY_WEBHOOK_PUBLIC_URL}: the intake's address as Dwolla reaches it; when set, the
 *                        service makes sure at start that a Dwolla webhook subscription for it exists (creating
 *                        or unpausing one, with the secret); unset: subscribe by hand
 */
public record WebhookSettings(Optional<String> secret, Optional<String> previousSecret, String bindAddress,
        OptionalInt port, String path, int maxBytes, Duration replayWindow, Optional<TlsSettings> tls,
        Duration reconcileInterval, int maxInboxEvents, int knownDocuments, Optional<URI> publicUrl) {
    static final String SECRET = "DOCVERIFY_WEBHOOK_SECRET";
    static final String SECRET_FILE = "DOCVERIFY_WEBHOOK_SECRET_FILE";
    static final String PREVIOUS_SECRET = "DOCVERIFY_WEBHOOK_PREVIOUS_SECRET";
    static final String PREVIOUS_SECRET_FILE = "DOCVERIFY_WEBHOOK_PREVIOUS_SECRET_FILE";
    static final String BIND_ADDRESS = "DOCVERIFY_WEBHOOK_BIND_ADDRESS";
    static final String PORT = "DOCVERIFY_WEBHOOK_PORT";
    static final String PUBLIC_URL = "DOCVERIFY_WEBHOOK_PUBLIC_URL";
    static final String PATH = "DOCVERIFY_WEBHOOK_PATH";
    static final String MAX_BYTES = "DOCVERIFY_WEBHOOK_MAX_BYTES";
    static final String REPLAY_WINDOW = "DOCVERIFY_WEBHOOK_REPLAY_WINDOW";
    static final String TLS_CERT_FILE = "DOCVERIFY_WEBHOOK_TLS_CERT_FILE";
    static final String TLS_KEY_FILE = "DOCVERIFY_WEBHOOK_TLS_KEY_FILE";
    static final String RECONCILE_INTERVAL = "DOCVERIFY_WEBHOOK_RECONCILE_INTERVAL";
    static final String INBOX_MAX_EVENTS = "DOCVERIFY_WEBHOOK_INBOX_MAX_EVENTS";
    static final String KNOWN_DOCUMENTS = "DOCVERIFY_WEBHOOK_KNOWN_DOCUMENTS";

    /** The settings read here. */
    static final Set<String> NAMES = Set.of(SECRET, SECRET_FILE, PREVIOUS_SECRET, PREVIOUS_SECRET_FILE, BIND_ADDRESS,
            PORT, PATH, MAX_BYTES, REPLAY_WINDOW, TLS_CERT_FILE, TLS_KEY_FILE, RECONCILE_INTERVAL, INBOX_MAX_EVENTS,
            KNOWN_DOCUMENTS, PUBLIC_URL);

    /** Documents remembered unless configured, and at most. */
    public static final int DEFAULT_KNOWN_DOCUMENTS = 10_000;
    static final int MAX_KNOWN_DOCUMENTS = 1_000_000;

    /** The port unless configured. */
    public static final int DEFAULT_PORT = 8090;
    /** The path unless configured. */
    public static final String DEFAULT_PATH = "/dwolla/webhooks";
    /** The largest body unless configured. */
    public static final int DEFAULT_MAX_BYTES = DwollaEventJson.MAX_EVENT_BYTES;
    /** Dwolla's retry window (72 h) and an hour's margin. */
    public static final Duration DEFAULT_REPLAY_WINDOW = Duration.ofHours(73);
    /** Dwolla's longest subscription secret. */
    public static final int MAX_SECRET_LENGTH = WebhookSignature.MAX_SECRET_LENGTH;

    public WebhookSettings {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(previousSecret, "previousSecret");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(replayWindow, "replayWindow");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(reconcileInterval, "reconcileInterval");
        Objects.requireNonNull(publicUrl, "publicUrl");
        publicUrl.ifPresent(WebhookSettings::checkPublicUrl);
        secret.ifPresent(s -> checkSecret(SECRET, s));
        previousSecret.ifPresent(s -> checkSecret(PREVIOUS_SECRET, s));
        if (previousSecret.isPresent() && secret.isEmpty()) {
            throw new ConfigException(PREVIOUS_SECRET + " needs " + SECRET + " (the new secret) as well");
        }
        if (port.isPresent() && (port.getAsInt() < 0 || port.getAsInt() > 65535)) {
            throw new ConfigException(PORT + " must be 0 to 65535 or 'off', not " + port.getAsInt());
        }
        if (!path.startsWith("/") || !path.matches("[A-Za-z0-9/._~\\-]+")) {
            throw new ConfigException(PATH + " must be a path starting with '/' (letters, digits, '/', '.', '_', '~',"
                    + " '-'), not '" + path + "'");
        }
        if (maxBytes < 1024 || maxBytes > DwollaEventJson.MAX_EVENT_BYTES) {
            throw new ConfigException(MAX_BYTES + " must be 1024 to " + DwollaEventJson.MAX_EVENT_BYTES
                    + " (the largest event the parser reads), not " + maxBytes);
        }
        if (replayWindow.compareTo(Duration.ofHours(1)) < 0) {
            throw new ConfigException(REPLAY_WINDOW + " must be at least 1h (Dwolla retries for 72h), not "
                    + replayWindow);
        }
        if (maxInboxEvents < 1) {
            throw new ConfigException(INBOX_MAX_EVENTS + " must be at least 1, not " + maxInboxEvents);
        }
        if (knownDocuments < 1 || knownDocuments > MAX_KNOWN_DOCUMENTS) {
            throw new ConfigException(KNOWN_DOCUMENTS + " must be 1 to " + MAX_KNOWN_DOCUMENTS + ", not "
                    + knownDocuments);
        }
    }

    /** True if the intake runs: a secret is set and the port is not {@code off}. */
    public boolean enabled() {
        return secret.isPresent() && port.isPresent();
    }

    /** Reads the settings; {@code defaultBindAddress} is the gRPC port's. Every error names its setting. */
    static WebhookSettings read(Map<String, String> s, String defaultBindAddress) {
        return new WebhookSettings(
                secret(s, SECRET, SECRET_FILE),
                secret(s, PREVIOUS_SECRET, PREVIOUS_SECRET_FILE),
                ConfigReader.get(s, BIND_ADDRESS).orElse(defaultBindAddress),
                port(s),
                ConfigReader.get(s, PATH).orElse(DEFAULT_PATH),
                ConfigReader.get(s, MAX_BYTES).map(v -> ConfigReader.integer(MAX_BYTES, v)).orElse(DEFAULT_MAX_BYTES),
                ConfigReader.get(s, REPLAY_WINDOW).map(v -> ConfigReader.duration(REPLAY_WINDOW, v))
                        .orElse(DEFAULT_REPLAY_WINDOW),
                tls(s),
                ConfigReader.get(s, RECONCILE_INTERVAL).map(v -> ConfigReader.duration(RECONCILE_INTERVAL, v))
                        .orElse(Duration.ofHours(1)),
                ConfigReader.get(s, INBOX_MAX_EVENTS).map(v -> ConfigReader.integer(INBOX_MAX_EVENTS, v))
                        .orElse(100_000),
                ConfigReader.get(s, KNOWN_DOCUMENTS).map(v -> ConfigReader.integer(KNOWN_DOCUMENTS, v))
                        .orElse(DEFAULT_KNOWN_DOCUMENTS),
                ConfigReader.get(s, PUBLIC_URL).map(WebhookSettings::publicUrl));
    }

    /** The same settings with this port (empty: off). */
    public WebhookSettings withPort(OptionalInt value) {
        return new WebhookSettings(secret, previousSecret, bindAddress, value, path, maxBytes, replayWindow, tls,
                reconcileInterval, maxInboxEvents, knownDocuments, publicUrl);
    }

    /** The same settings with these secrets. */
    public WebhookSettings withSecrets(Optional<String> current, Optional<String> previous) {
        return new WebhookSettings(current, previous, bindAddress, port, path, maxBytes, replayWindow, tls,
                reconcileInterval, maxInboxEvents, knownDocuments, publicUrl);
    }

    private static URI publicUrl(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new ConfigException(PUBLIC_URL + " must be an absolute http or https URL (not a valid URI)");
        }
    }

    private static void checkPublicUrl(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null
                || url.getRawUserInfo() != null) {
            throw new ConfigException(PUBLIC_URL + " must be an absolute http or https URL without user info"
                    + (url.getRawUserInfo() != null ? "" : ", not '" + url + "'"));
        }
    }

    private static void checkSecret(String name, String value) {
        if (value.length() > MAX_SECRET_LENGTH) {
            throw new ConfigException(name + " must be at most " + MAX_SECRET_LENGTH + " characters (Dwolla's "
                    + "limit), not " + value.length());
        }
        try {
            WebhookSignature.of(value);
        } catch (IllegalArgumentException e) {
            // The verifier's message names the problem, never the secret.
            throw new ConfigException(name + ": " + e.getMessage(), e);
        }
    }

    private static Optional<String> secret(Map<String, String> s, String name, String fileName) {
        Optional<String> value = ConfigReader.get(s, name);
        Optional<String> file = ConfigReader.get(s, fileName);
        if (value.isPresent() && file.isPresent()) {
            throw new ConfigException("set " + name + " or " + fileName + ", not both");
        }
        if (file.isEmpty()) {
            return value;
        }
        Path path = Path.of(file.get());
        try {
            if (Files.size(path) > 4096) {
                throw new ConfigException(fileName + " names a file over 4 KiB: not a webhook secret: " + path);
            }
            String content = Files.readString(path, StandardCharsets.UTF_8).strip();
            if (content.isEmpty()) {
                throw new ConfigException(fileName + " names an empty file: " + path);
            }
            return Optional.of(content);
        } catch (IOException e) {
            throw new ConfigException(fileName + " names a file that cannot be read: " + path, e);
        }
    }

    private static OptionalInt port(Map<String, String> s) {
        Optional<String> value = ConfigReader.get(s, PORT);
        if (value.isEmpty()) {
            return OptionalInt.of(DEFAULT_PORT);
        }
        if (value.get().trim().equalsIgnoreCase("off")) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(ConfigReader.integer(PORT, value.get()));
    }

    private static Optional<TlsSettings> tls(Map<String, String> s) {
        Optional<Path> cert = ConfigReader.get(s, TLS_CERT_FILE).map(Path::of);
        Optional<Path> key = ConfigReader.get(s, TLS_KEY_FILE).map(Path::of);
        if (cert.isEmpty() && key.isEmpty()) {
            return Optional.empty();
        }
        if (cert.isEmpty() || key.isEmpty()) {
            throw new ConfigException("webhook TLS needs both " + TLS_CERT_FILE + " and " + TLS_KEY_FILE);
        }
        var tls = new TlsSettings(cert.get(), key.get(), Optional.empty());
        TlsValidation.check(tls, TLS_CERT_FILE, TLS_KEY_FILE);
        return Optional.of(tls);
    }

    @Override
    public String toString() {
        return "WebhookSettings[" + (enabled() ? "on" : "off") + ", secret=" + (secret.isPresent() ? "set" : "unset")
                + ", previousSecret=" + (previousSecret.isPresent() ? "set" : "unset")
                + ", publicUrl=" + publicUrl.map(URI::toString).orElse("unset") + ", bind=" + bindAddress + ":"
                + (port.isPresent() ? String.valueOf(port.getAsInt()) : "off") + ", path=" + path + ", maxBytes="
                + maxBytes + ", replayWindow=" + replayWindow + ", tls=" + (tls.isPresent() ? "on" : "off")
                + ", reconcileInterval=" + reconcileInterval + ", maxInboxEvents=" + maxInboxEvents + "]";
    }
}
