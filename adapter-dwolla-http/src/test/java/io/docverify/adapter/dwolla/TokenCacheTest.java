package io.docverify.adapter.dwolla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenCacheTest {
    private final AtomicInteger requests = new AtomicInteger();
    private final List<CompletableFuture<TokenCache.Issued>> pending = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ExecutorService pool = Executors.newFixedThreadPool(16);
    private final TokenCache cache = new TokenCache(() -> {
        requests.incrementAndGet();
        var f = new CompletableFuture<TokenCache.Issued>();
        pending.add(f);
        return f;
    }, clock, Duration.ofSeconds(60));

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private void issue(int index, String value, Duration expiresIn) {
        pending.get(index).complete(new TokenCache.Issued(value, expiresIn));
    }

    @Test
    void concurrentCallersShareOneTokenRequest() throws Exception {
        int callers = 64;
        var start = new CountDownLatch(1);
        List<CompletableFuture<CompletableFuture<TokenCache.Token>>> calls = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return cache.current();
            }, pool));
        }
        start.countDown();
        List<CompletableFuture<TokenCache.Token>> tokens = new ArrayList<>();
        for (var call : calls) {
            tokens.add(call.get(10, TimeUnit.SECONDS));
        }

        assertThat(requests).hasValue(1);
        assertThat(tokens).noneMatch(CompletableFuture::isDone);
        issue(0, "t1", Duration.ofHours(1));
        assertThat(tokens).allSatisfy(t -> assertThat(t.get(1, TimeUnit.SECONDS).value()).isEqualTo("t1"));
        assertThat(cache.current().get().value()).isEqualTo("t1");
        assertThat(requests).hasValue(1);
    }

    @Test
    void theTokenIsRenewedShortlyBeforeItExpires() throws Exception {
        var first = cache.current();
        issue(0, "t1", Duration.ofSeconds(3600));
        assertThat(first.get().value()).isEqualTo("t1");

        clock.advance(Duration.ofSeconds(3600 - 61));
        assertThat(cache.current().get().value()).isEqualTo("t1");
        assertThat(requests).hasValue(1);

        clock.advance(Duration.ofSeconds(1)); // 60 s before expiry: the margin
        var renewed = cache.current();
        assertThat(requests).hasValue(2);
        issue(1, "t2", Duration.ofSeconds(3600));
        assertThat(renewed.get().value()).isEqualTo("t2");
    }

    @Test
    void aShortLivedTokenIsRenewedAtHalfItsLifeAtTheLatest() throws Exception {
        var first = cache.current();
        issue(0, "t1", Duration.ofSeconds(10));
        first.get();

        clock.advance(Duration.ofSeconds(4));
        assertThat(cache.current().get().value()).isEqualTo("t1");
        clock.advance(Duration.ofSeconds(1));
        cache.current();
        assertThat(requests).hasValue(2);
    }

    @Test
    void manyCallersRejectingTheSameTokenCauseOneRenewal() throws Exception {
        var first = cache.current();
        issue(0, "t1", Duration.ofHours(1));
        TokenCache.Token rejected = first.get();

        List<CompletableFuture<TokenCache.Token>> renewals = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            cache.invalidate(rejected);
            renewals.add(cache.current());
        }

        assertThat(requests).hasValue(2);
        issue(1, "t2", Duration.ofHours(1));
        assertThat(renewals).allSatisfy(r -> assertThat(r.get().value()).isEqualTo("t2"));
        cache.invalidate(rejected); // a late 401 for the old token does not discard the new one
        assertThat(cache.current().get().value()).isEqualTo("t2");
        assertThat(requests).hasValue(2);
    }

    @Test
    void aFailedRequestIsNotCachedAndTheNextCallerAsksAgain() throws Exception {
        var failed = cache.current();
        pending.get(0).completeExceptionally(new IllegalStateException("unreachable"));
        assertThatThrownBy(failed::get).hasCauseInstanceOf(IllegalStateException.class);

        var next = cache.current();
        assertThat(requests).hasValue(2);
        issue(1, "t2", Duration.ofHours(1));
        assertThat(next.get().value()).isEqualTo("t2");
    }

    @Test
    void aFetcherThatCompletesAtOnceStillCachesItsToken() throws Exception {
        var counter = new AtomicInteger();
        var immediate = new TokenCache(() -> {
            counter.incrementAndGet();
            return CompletableFuture.completedFuture(new TokenCache.Issued("now", Duration.ofHours(1)));
        }, clock, Duration.ofSeconds(60));

        assertThat(immediate.current().get().value()).isEqualTo("now");
        assertThat(immediate.current().get().value()).isEqualTo("now");
        assertThat(counter).hasValue(1);
    }

    @Test
    void aTokenNeverAppearsInToString() {
        assertThat(new TokenCache.Token("secret-token", Instant.EPOCH).toString()).doesNotContain("secret-token");
        assertThat(new TokenCache.Issued("secret-token", Duration.ZERO).toString()).doesNotContain("secret-token");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
