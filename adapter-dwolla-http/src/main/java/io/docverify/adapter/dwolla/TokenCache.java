package io.docverify.adapter.dwolla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Dwolla's application access token (OAuth client credentials), cached until shortly before it expires and
 * renewed once for all callers: while a renewal runs, every caller waits for that one request (no stampede). A
 * caller whose request was refused with a rejected token {@linkplain #invalidate invalidates} exactly the token
 * it used, so many concurrent 401s still cause one renewal.
 */
final class TokenCache {

    /** A token as Dwolla issued it: its value and lifetime ({@code expires_in}). */
    record Issued(String value, Duration expiresIn) {
        Issued {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(expiresIn, "expiresIn");
        }

        @Override
        public String toString() {
            return "Issued[value=***, expiresIn=" + expiresIn + "]";
        }
    }

    /** A cached token and when to stop using it. */
    record Token(String value, Instant renewAt) {
        @Override
        public String toString() {
            return "Token[value=***, renewAt=" + renewAt + "]";
        }
    }

    private final Supplier<CompletableFuture<Issued>> fetcher;
    private final Clock clock;
    private final Duration margin;
    private Token cached;
    private CompletableFuture<Token> renewal;

    /**
     * @param fetcher asks Dwolla for a new token ({@code POST /token})
     * @param margin  renew this long before expiry (at most half the token's lifetime)
     */
    TokenCache(Supplier<CompletableFuture<Issued>> fetcher, Clock clock, Duration margin) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.margin = Objects.requireNonNull(margin, "margin");
    }

    /** A valid token: the cached one, the renewal in flight, or a new renewal. */
    CompletableFuture<Token> current() {
        CompletableFuture<Token> started;
        synchronized (this) {
            if (cached != null && clock.instant().isBefore(cached.renewAt())) {
                return CompletableFuture.completedFuture(cached);
            }
            if (renewal != null) {
                return renewal;
            }
            started = new CompletableFuture<>();
            renewal = started;
        }
        // Fetch outside the lock: the fetcher may complete on this very thread.
        Instant askedAt = clock.instant();
        CompletableFuture<Issued> fetched;
        try {
            fetched = fetcher.get();
        } catch (RuntimeException e) {
            fetched = CompletableFuture.failedFuture(e);
        }
        fetched.whenComplete((issued, error) -> {
            Token token = error == null
                    ? new Token(issued.value(), askedAt.plus(issued.expiresIn())
                            .minus(min(margin, issued.expiresIn().dividedBy(2))))
                    : null;
            synchronized (this) {
                renewal = null;
                if (token != null) {
                    cached = token;
                }
            }
            if (token == null) {
                started.completeExceptionally(error);
            } else {
                started.complete(token);
            }
        });
        return started;
    }

    /** Forgets the token if it is still the cached one, so the next {@link #current()} renews it. */
    synchronized void invalidate(Token rejected) {
        if (cached != null && cached.equals(rejected)) {
            cached = null;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
