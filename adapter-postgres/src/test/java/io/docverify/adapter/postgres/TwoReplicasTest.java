package io.docverify.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.domain.CustomerId;
import io.docverify.domain.DocumentId;
import io.docverify.domain.IdempotencyKey;
import io.docverify.ports.out.ChangeNotifications.Notice;
import io.docverify.ports.out.ChangeNotifications.Subscription;
import io.docverify.ports.out.IdempotencyRecords.Claimed;
import io.docverify.ports.out.IdempotencyRecords.Completed;
import io.docverify.ports.out.IdempotencyRecords.Running;
import io.docverify.ports.out.KeyHash;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two replicas, each with stores of its own (own Vert.x, pool and LISTEN connection), on one database. */
class TwoReplicasTest {
    private PostgresStores a;
    private PostgresStores b;

    @BeforeEach
    void start() throws Exception {
        PostgresConfig config = TestDatabase.newDatabase();
        a = TestDatabase.start(config, "replica-a", Clock.systemUTC());
        b = TestDatabase.start(config, "replica-b", Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
    }

    @Test
    void aNoticeSentByOneReplicaIsHeardByTheOtherAndByItself() throws Exception {
        BlockingQueue<Notice> onA = new LinkedBlockingQueue<>();
        BlockingQueue<Notice> onB = new LinkedBlockingQueue<>();
        try (Subscription sa = a.changeNotifications().subscribe(onA::add);
                Subscription sb = b.changeNotifications().subscribe(onB::add)) {
            value(a.changeNotifications().notifyChanged(new DocumentId("d-1"), new CustomerId("c-1"), 17));

            var expected = new Notice(Optional.of(new DocumentId("d-1")), new CustomerId("c-1"), 17, "replica-a");
            assertThat(onB.poll(10, TimeUnit.SECONDS)).isEqualTo(expected);
            assertThat(onA.poll(10, TimeUnit.SECONDS)).isEqualTo(expected);
        }
    }

    @Test
    void aRetryOnTheOtherReplicaWaitsForTheFirstAndThenGetsItsDocument() {
        KeyHash key = KeyHash.of(new IdempotencyKey("k-1"));
        Duration lease = Duration.ofMinutes(1);
        var claimed = (Claimed) value(a.idempotencyRecords().claim("ops", key, "f", lease));

        assertThat(value(b.idempotencyRecords().claim("ops", key, "f", lease))).isInstanceOf(Running.class);
        assertThat(value(a.idempotencyRecords().complete(claimed.token(), new DocumentId("d-1")))).isTrue();

        assertThat(value(b.idempotencyRecords().claim("ops", key, "f", lease)))
                .isEqualTo(new Completed(new DocumentId("d-1")));
    }

    private static <T> T value(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
