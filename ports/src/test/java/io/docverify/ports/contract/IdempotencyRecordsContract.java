package io.docverify.ports.contract;

import static io.docverify.ports.contract.ContractStages.await;
import static io.docverify.ports.contract.ContractStages.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.domain.DocumentId;
import io.docverify.domain.IdempotencyKey;
import io.docverify.ports.out.IdempotencyRecords;
import io.docverify.ports.out.IdempotencyRecords.Claim;
import io.docverify.ports.out.IdempotencyRecords.Claimed;
import io.docverify.ports.out.IdempotencyRecords.Completed;
import io.docverify.ports.out.IdempotencyRecords.Mismatch;
import io.docverify.ports.out.IdempotencyRecords.Running;
import io.docverify.ports.out.IdempotencyRecords.Token;
import io.docverify.ports.out.KeyHash;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link IdempotencyRecords} must show, on a {@link MutableClock} and a window of
 * {@link #WINDOW}.
 */
public abstract class IdempotencyRecordsContract {
    protected static final Duration WINDOW = Duration.ofHours(24);
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final KeyHash KEY = KeyHash.of(new IdempotencyKey("retry-me"));
    private static final String SCOPE = "key-ops";
    private static final String REQUEST = "fingerprint-1";

    protected final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));
    private IdempotencyRecords records;

    /** Fresh, empty records for one test, on {@code clock}, keeping a record for {@code window}. */
    protected abstract IdempotencyRecords newRecords(MutableClock clock, Duration window) throws Exception;

    /** Releases what {@link #newRecords} opened; nothing by default. */
    protected void closeRecords(IdempotencyRecords records) throws Exception {
    }

    @BeforeEach
    void open() throws Exception {
        records = newRecords(clock, WINDOW);
    }

    @AfterEach
    void close() throws Exception {
        closeRecords(records);
    }

    private Claim claim() {
        return await(records.claim(SCOPE, KEY, REQUEST, LEASE));
    }

    private Token claimed() {
        Claim claim = claim();
        assertThat(claim).isInstanceOf(Claimed.class);
        return ((Claimed) claim).token();
    }

    @Test
    void aFreeKeyIsClaimedThenRunningThenCompletedWithTheFirstDocument() {
        Token token = claimed();
        assertThat(token.scope()).isEqualTo(SCOPE);
        assertThat(token.key()).isEqualTo(KEY);

        assertThat(claim()).isEqualTo(new Running(clock.instant().plus(LEASE)));
        assertThat(await(records.complete(token, new DocumentId("d-1")))).isTrue();

        assertThat(claim()).isEqualTo(new Completed(new DocumentId("d-1")));
        clock.advance(WINDOW.minusSeconds(1));
        assertThat(claim()).isEqualTo(new Completed(new DocumentId("d-1")));
    }

    @Test
    void aReleasedKeyIsFreeAgainAndItsOldTokenHoldsNothing() {
        Token first = claimed();
        assertThat(await(records.release(first))).isTrue();

        Token second = claimed();

        assertThat(second).isNotEqualTo(first);
        assertThat(await(records.release(first))).isFalse();
        assertThat(await(records.complete(first, new DocumentId("d-1")))).isFalse();
        assertThat(await(records.complete(second, new DocumentId("d-2")))).isTrue();
        assertThat(claim()).isEqualTo(new Completed(new DocumentId("d-2")));
    }

    @Test
    void theSameKeyForAnotherRequestIsAMismatchWhileRunningAndOnceCompleted() {
        Token token = claimed();
        assertThat(await(records.claim(SCOPE, KEY, "fingerprint-2", LEASE))).isEqualTo(new Mismatch());

        await(records.complete(token, new DocumentId("d-1")));

        assertThat(await(records.claim(SCOPE, KEY, "fingerprint-2", LEASE))).isEqualTo(new Mismatch());
    }

    @Test
    void keysOfTwoCallersNeverMeet() {
        claimed();

        assertThat(await(records.claim("key-other", KEY, "fingerprint-2", LEASE))).isInstanceOf(Claimed.class);
    }

    @Test
    void aClaimWhoseLeaseRanOutCanBeClaimedAgainAndTheDeadHolderCompletesNothing() {
        Token dead = claimed();
        clock.advance(LEASE.minusSeconds(1));
        assertThat(claim()).isInstanceOf(Running.class);
        clock.advance(Duration.ofSeconds(2));

        Token next = claimed();

        assertThat(await(records.complete(dead, new DocumentId("d-dead")))).isFalse();
        assertThat(await(records.renew(dead, LEASE))).isFalse();
        assertThat(await(records.complete(next, new DocumentId("d-next")))).isTrue();
        assertThat(claim()).isEqualTo(new Completed(new DocumentId("d-next")));
    }

    @Test
    void aRenewedLeaseHoldsTheKeyPastItsFirstEnd() {
        Token token = claimed();
        clock.advance(Duration.ofSeconds(20));
        assertThat(await(records.renew(token, LEASE))).isTrue();
        clock.advance(Duration.ofSeconds(20));

        assertThat(claim()).isEqualTo(new Running(clock.instant().plusSeconds(10)));
    }

    @Test
    void aCompletedRecordIsForgottenAfterTheWindow() {
        Token token = claimed();
        await(records.complete(token, new DocumentId("d-1")));
        clock.advance(WINDOW.plusSeconds(1));

        Claim again = await(records.claim(SCOPE, KEY, "fingerprint-2", LEASE));

        assertThat(again).isInstanceOf(Claimed.class);
        assertThat(((Claimed) again).token()).isNotEqualTo(token);
        assertThat(claim()).isEqualTo(new Mismatch());
        assertThat(await(records.claim(SCOPE, KEY, "fingerprint-2", LEASE))).isInstanceOf(Running.class);
    }

    @Test
    void pruneRemovesTheRecordsClaimedBeforeTheInstantAndCountsThem() {
        await(records.complete(claimed(), new DocumentId("d-1")));
        await(records.claim(SCOPE, KeyHash.of(new IdempotencyKey("second")), REQUEST, LEASE));
        Instant between = clock.instant().plusSeconds(1);
        clock.advance(Duration.ofSeconds(2));
        Claim third = await(records.claim(SCOPE, KeyHash.of(new IdempotencyKey("third")), REQUEST, LEASE));

        assertThat(await(records.prune(between))).isEqualTo(2);

        assertThat(claim()).isInstanceOf(Claimed.class);
        assertThat(await(records.claim(SCOPE, KeyHash.of(new IdempotencyKey("third")), REQUEST, LEASE)))
                .isInstanceOf(Running.class);
        assertThat(third).isInstanceOf(Claimed.class);
        assertThat(await(records.prune(between))).isZero();
    }

    @Test
    void aCompletedOrReleasedClaimCannotBeCompletedOrReleasedAgain() {
        Token token = claimed();
        assertThat(await(records.complete(token, new DocumentId("d-1")))).isTrue();

        assertThat(await(records.complete(token, new DocumentId("d-2")))).isFalse();
        assertThat(await(records.release(token))).isFalse();
        assertThat(await(records.renew(token, LEASE))).isFalse();
        assertThat(claim()).isEqualTo(new Completed(new DocumentId("d-1")));
    }

    @Test
    void argumentsOutsideTheirBoundsAreRefused() {
        assertThat(failure(() -> records.claim(SCOPE, KEY, REQUEST, Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(failure(() -> records.claim("", KEY, REQUEST, LEASE))).isInstanceOf(IllegalArgumentException.class);
        assertThat(failure(() -> records.claim(SCOPE, KEY, "x".repeat(129), LEASE)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(claim()).isInstanceOf(Claimed.class);
    }

    @Test
    void ofManyClaimsOfOneKeyAtOnceExactlyOneIsClaimed() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 20; round++) {
                KeyHash key = KeyHash.of(new IdempotencyKey("race-" + round));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Claim>> answers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return await(records.claim(SCOPE, key, REQUEST, LEASE));
                    }));
                }
                start.countDown();
                List<Claim> results = new ArrayList<>();
                for (Future<Claim> answer : answers) {
                    results.add(answer.get(10, TimeUnit.SECONDS));
                }
                assertThat(results).filteredOn(c -> c instanceof Claimed).hasSize(1);
                assertThat(results).filteredOn(c -> c instanceof Running).hasSize(threads - 1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
