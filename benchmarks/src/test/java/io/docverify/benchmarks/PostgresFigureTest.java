package io.docverify.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Smoke tests of the PostgreSQL figures' harness ({@link PostgresBench}), each mode run tiny against its own
 * embedded PostgreSQL on 127.0.0.1: it measured both sides, the PostgreSQL side really wrote to PostgreSQL (with
 * durability on), and its counts agree with one another. No timing assertions.
 */
class PostgresFigureTest {

    private static long n(Map<String, Object> r, String key) {
        assertThat(r).containsKey(key);
        return ((Number) r.get(key)).longValue();
    }

    private static double d(Map<String, Object> r, String key) {
        assertThat(r).containsKey(key);
        return ((Number) r.get(key)).doubleValue();
    }

    @Test
    void uploadsAndReadsAreMeasuredOnBothSidesAndOnlyTheUploadsAreJournaledInPostgres() throws Exception {
        Map<String, Object> r = PostgresBench.grpc(1, 150, 1, 2, 1, Impl.BARE, PostgresFigure.FILE_BYTES);

        assertThat((String) r.get("postgres")).contains("fsync:on").contains("synchronous_commit:on");
        assertThat(n(r, "uploadMemoryCalls")).isPositive();
        assertThat(n(r, "uploadPostgresCalls")).isPositive();
        // Each upload on the PostgreSQL side is journaled twice (start, end), warm-up and latency slices included.
        assertThat(n(r, "journalRows")).isGreaterThanOrEqualTo(2 * (n(r, "uploadPostgresCalls")
                + n(r, "uploadPostgresLatencyCalls")));
        assertThat(n(r, "journalRows") % 2).isZero();
        assertThat(n(r, "journalRowsAfterGets")).isEqualTo(n(r, "journalRows"));
        assertThat(n(r, "getMemoryCalls")).isPositive();
        assertThat(n(r, "getPostgresCalls")).isPositive();
        for (String key : new String[] {"upload", "get"}) {
            assertThat(d(r, key + "PostgresP50us")).isPositive();
            assertThat(d(r, key + "PostgresP99us")).isGreaterThanOrEqualTo(d(r, key + "PostgresP50us"));
            assertThat(d(r, key + "MemoryP99us")).isGreaterThanOrEqualTo(d(r, key + "MemoryP50us"));
        }
        assertThat(d(r, "commitP50us")).isPositive();
        assertThat(n(r, "postgresServerCpuMsSoFar")).isPositive();
    }

    @Test
    void everySignedWebhookIsAnsweredAndThePostgresInboxHoldsEachAcceptedEventProcessed() throws Exception {
        Map<String, Object> r = PostgresBench.webhook(4, 150, 0, 2, "64", PostgresBench.INTAKES);

        for (String side : PostgresBench.INTAKES) {
            assertThat(n(r, side + "Ok")).as(side).isPositive();
            assertThat(n(r, side + "Errors")).as(side).isZero();
        }
        // The webhooks accepted, and the events of the 64 uploads that reconciliation applied at start.
        assertThat(n(r, "postgresReconciled")).isPositive();
        assertThat(n(r, "inboxRows")).isEqualTo(n(r, "postgresAccepted") + n(r, "postgresReconciled"));
        assertThat(n(r, "postgresAccepted")).isGreaterThanOrEqualTo(n(r, "postgresOk"));
        assertThat(n(r, "inboxProcessed")).isEqualTo(n(r, "inboxRows"));
        assertThat(n(r, "postgresProcessedFailed")).isZero();
        assertThat(n(r, "postgresServerCpuMsSoFar")).isPositive();
    }

    @Test
    void everyReviewReachesItsWatchersOnBothReplicas() throws Exception {
        Map<String, Object> r = PostgresBench.replicas(0, 5, new int[] {20});

        assertThat(r.get("r20AllArrived")).isEqualTo(true);
        assertThat(n(r, "r20ArrivedA")).isEqualTo(5);
        assertThat(n(r, "r20ArrivedB")).isEqualTo(5);
        assertThat(n(r, "r20Answered")).isEqualTo(5);
        assertThat(d(r, "r20BP50us")).isPositive();
        assertThat(d(r, "r20BP99us")).isGreaterThanOrEqualTo(d(r, "r20BP50us"));
        // Each review is one change in the shared journal, recorded once (by replica A), however many replicas heard it.
        assertThat(n(r, "journalChanges")).isEqualTo(5);
    }
}
