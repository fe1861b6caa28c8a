package io.docverify.adapter.dwolla;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.docverify.adapter.dwolla.webhook.WebhookSignature;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Dwolla's webhook subscriptions, kept in the state a receiver needs: {@link #ensureSubscribed(URI, String)} lists
 * {@code GET /webhook-subscriptions}, creates one ({@code POST /webhook-subscriptions} with {@code url} and
 * {@code secret}) when none has the URL, and unpauses a paused one ({@code POST /webhook-subscriptions/{id}} with
 * {@code {"paused": false}}). Obtained from {@link DwollaDocumentProvider#webhookSubscriptions()}: same token,
 * retries, circuit breaker, rate limit, metrics ({@code operation} {@code subscribe}) and tracing. Each retried
 * attempt lists again first, so an attempt whose answer was lost after Dwolla created the subscription finds it
 * instead of creating a second. The secret is sent once, in a body that is never logged, and appears in no
 * message. Thread-safe and non-blocking; two concurrent calls for the same new URL may both create one.
 */
public final class DwollaWebhookSubscriptions {
    private static final String PATH = "/webhook-subscriptions";

    /**
     * A subscription as Dwolla lists it.
     *
     * @param id     Dwolla's id
     * @param self   {@code _links.self.href}
     * @param url    where Dwolla delivers
     * @param paused whether Dwolla stopped delivering (false after {@link #ensureSubscribed(URI, String)})
     */
    public record Subscription(String id, URI self, URI url, boolean paused) {
        /** Checks every part is present. */
        public Subscription {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(self, "self");
            Objects.requireNonNull(url, "url");
        }
    }

    /** Runs a call timed, tagged and with its failure turned into the caller's typed error. */
    interface Observer {
        <T> CompletionStage<T> observed(String operation, Supplier<CompletableFuture<T>> call);
    }

    record ListJson(@JsonProperty("_embedded") Embedded embedded) {
    }

    record Embedded(@JsonProperty("webhook-subscriptions") List<SubscriptionJson> subscriptions) {
    }

    record SubscriptionJson(String id, String url, Boolean paused, @JsonProperty("_links") Links links) {
    }

    record Links(Link self) {
    }

    record Link(String href) {
    }

    private final DwollaHttp http;
    private final Resilience resilience;
    private final DwollaConfig config;
    private final Observer observer;

    DwollaWebhookSubscriptions(DwollaHttp http, Resilience resilience, DwollaConfig config, Observer observer) {
        this.http = http;
        this.resilience = resilience;
        this.config = config;
        this.observer = observer;
    }

    /**
     * The active subscription delivering to {@code url}: the existing one (unpaused if it was paused) or a new one
     * with {@code secret}. An existing subscription keeps the secret it was created with (Dwolla cannot change it).
     *
     * @throws IllegalArgumentException if {@code url} is not an absolute http(s) URL, or the secret is empty or
     *                                  longer than {@link WebhookSignature#MAX_SECRET_LENGTH}, before sending
     */
    public CompletionStage<Subscription> ensureSubscribed(URI url, String secret) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        if (!url.isAbsolute() || url.getHost() == null
                || !("https".equalsIgnoreCase(url.getScheme()) || "http".equalsIgnoreCase(url.getScheme()))) {
            throw new IllegalArgumentException("the webhook URL must be an absolute http or https URL");
        }
        if (secret.isEmpty() || secret.length() > WebhookSignature.MAX_SECRET_LENGTH) {
            throw new IllegalArgumentException("the webhook secret must have 1 to "
                    + WebhookSignature.MAX_SECRET_LENGTH + " characters, it has " + secret.length());
        }
        return observer.observed("subscribe", () -> resilience.read(abandoned -> attempt(url, secret, abandoned)));
    }

    private CompletableFuture<Subscription> attempt(URI url, String secret, BooleanSupplier abandoned) {
        return http.get("subscriptions", PATH, config.timeouts().read(), abandoned).thenCompose(listed -> {
            Optional<Subscription> existing = subscriptions(listed.body()).stream()
                    .filter(s -> s.url().toString().equals(url.toString())).findFirst();
            if (existing.isPresent() && !existing.get().paused()) {
                return CompletableFuture.completedFuture(existing.get());
            }
            if (existing.isPresent()) {
                Subscription paused = existing.get();
                return http.postJson("unpause", PATH + "/" + paused.id(), json(Map.of("paused", false)),
                        config.timeouts().read(), abandoned)
                        .thenApply(r -> new Subscription(paused.id(), paused.self(), paused.url(), false));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("url", url.toString());
            body.put("secret", secret);
            return http.postJson("subscribe", PATH, json(body), config.timeouts().read(), abandoned)
                    .thenApply(created -> {
                        URI self = uri(created.location().orElseThrow(() -> DwollaFailure.protocol(
                                "Dwolla created the webhook subscription but sent no Location.")), "Location");
                        return new Subscription(lastSegment(self), self, url, false);
                    });
        });
    }

    /** {@code GET /webhook-subscriptions}' {@code _embedded.webhook-subscriptions}. */
    static List<Subscription> subscriptions(byte[] body) {
        ListJson json = HalJson.read(body, ListJson.class, "webhook subscription list");
        if (json.embedded() == null || json.embedded().subscriptions() == null) {
            throw DwollaFailure.protocol("Dwolla's webhook subscription list has no _embedded.webhook-subscriptions.");
        }
        return json.embedded().subscriptions().stream().map(DwollaWebhookSubscriptions::subscription).toList();
    }

    private static Subscription subscription(SubscriptionJson s) {
        if (s == null || s.url() == null || s.paused() == null || s.links() == null || s.links().self() == null
                || s.links().self().href() == null) {
            throw DwollaFailure.protocol("A webhook subscription in Dwolla's list lacks url, paused or _links.self.");
        }
        URI self = uri(s.links().self().href(), "_links.self.href");
        String id = s.id() != null && !s.id().isBlank() ? s.id() : lastSegment(self);
        return new Subscription(id, self, uri(s.url(), "url"), s.paused());
    }

    private static URI uri(String text, String what) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw DwollaFailure.protocol("A webhook subscription's " + what + " is not a URL.");
        }
    }

    private static String lastSegment(URI self) {
        String path = self.getPath() == null ? "" : self.getPath();
        String id = path.substring(path.lastIndexOf('/') + 1);
        if (id.isEmpty() || !id.matches("[A-Za-z0-9._-]+")) {
            throw DwollaFailure.protocol("A webhook subscription's link names no id.");
        }
        return id;
    }

    private static byte[] json(Map<String, Object> body) {
        try {
            return HalJson.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON map could not be written", e);
        }
    }

    @Override
    public String toString() {
        return "DwollaWebhookSubscriptions";
    }
}
