package io.docverify.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.ports.out.ProviderEvent;
import io.docverify.ports.out.WebhookInbox;
import io.docverify.ports.out.WebhookInbox.Recorded;
import io.docverify.ports.out.WebhookInbox.Status;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link WebhookInbox} must show: the in-memory one runs it directly, a durable one (PostgreSQL)
 * against its database. Events are created within the last hour of {@link #now()}, so a retention of at least a
 * day keeps them all.
 */
public abstract class WebhookInboxContract {
    private WebhookInbox inbox;

    /** A fresh, empty inbox for one test. */
    protected abstract WebhookInbox newInbox() throws Exception;

    /** Releases what {@link #newInbox()} opened; nothing by default. */
    protected void closeInbox(WebhookInbox inbox) throws Exception {
    }

    /** The inbox's present: the events of the tests are created shortly before it. */
    protected Instant now() {
        return Instant.now();
    }

    @BeforeEach
    void open() throws Exception {
        inbox = newInbox();
    }

    @AfterEach
    void close() throws Exception {
        closeInbox(inbox);
    }

    /** An event {@code minutesAgo} minutes before {@link #now()}, for document {@code resourceId}. */
    protected ProviderEvent event(String id, int minutesAgo) {
        return new ProviderEvent(id, now().minus(minutesAgo, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS),
                "customer_verification_document_approved", "doc-" + id,
                Optional.of(URI.create("https://api-sandbox.dwolla.com/documents/doc-" + id)),
                Optional.of(URI.create("https://api-sandbox.dwolla.com/customers/c-1")));
    }

    @Test
    void theFirstRecordOfAnIdIsNewAndEveryLaterOneADuplicate() {
        ProviderEvent e = event("e-1", 5);

        assertThat(await(inbox.record(e))).isEqualTo(Recorded.NEW);
        assertThat(await(inbox.record(e))).isEqualTo(Recorded.DUPLICATE);
        assertThat(await(inbox.record(event("e-1", 3)))).isEqualTo(Recorded.DUPLICATE);
        assertThat(await(inbox.record(event("e-2", 5)))).isEqualTo(Recorded.NEW);
    }

    @Test
    void anIdMovesFromUnknownToRecordedToProcessed() {
        ProviderEvent e = event("e-1", 5);
        assertThat(await(inbox.status("e-1"))).isEqualTo(Status.UNKNOWN);
        assertThat(await(inbox.isKnown("e-1"))).isFalse();

        await(inbox.record(e));
        assertThat(await(inbox.status("e-1"))).isEqualTo(Status.RECORDED);
        assertThat(await(inbox.isKnown("e-1"))).isTrue();

        await(inbox.markProcessed(e));
        assertThat(await(inbox.status("e-1"))).isEqualTo(Status.PROCESSED);
        await(inbox.markProcessed(e));
        assertThat(await(inbox.status("e-1"))).isEqualTo(Status.PROCESSED);
        assertThat(await(inbox.record(e))).isEqualTo(Recorded.DUPLICATE);
        assertThat(await(inbox.status("e-1"))).isEqualTo(Status.PROCESSED);
    }

    @Test
    void theLastProcessedEventIsTheNewestProcessedOneNotTheLatestMarked() {
        assertThat(await(inbox.lastProcessed())).isEmpty();
        ProviderEvent older = event("e-old", 30);
        ProviderEvent newer = event("e-new", 10);
        ProviderEvent unprocessed = event("e-newest", 1);
        await(inbox.record(older));
        await(inbox.record(newer));
        await(inbox.record(unprocessed));

        await(inbox.markProcessed(newer));
        assertThat(await(inbox.lastProcessed())).contains(newer);
        await(inbox.markProcessed(older));
        assertThat(await(inbox.lastProcessed())).contains(newer);
    }

    @Test
    void anEventMarkedProcessedWithoutARecordIsProcessedAndCanBeTheLast() {
        ProviderEvent e = event("e-1", 2);

        await(inbox.markProcessed(e));

        assertThat(await(inbox.status("e-1"))).isEqualTo(Status.PROCESSED);
        assertThat(await(inbox.lastProcessed())).contains(e);
        assertThat(await(inbox.record(e))).isEqualTo(Recorded.DUPLICATE);
    }

    @Test
    void unprocessedEventsComeOldestFirstUpToTheLimit() {
        ProviderEvent a = event("a", 40);
        ProviderEvent b = event("b", 30);
        ProviderEvent c = event("c", 20);
        ProviderEvent d = event("d", 10);
        await(inbox.record(c));
        await(inbox.record(a));
        await(inbox.record(d));
        await(inbox.record(b));
        await(inbox.markProcessed(b));

        assertThat(await(inbox.unprocessed(10))).containsExactly(a, c, d);
        assertThat(await(inbox.unprocessed(2))).containsExactly(a, c);
    }

    @Test
    void ofManyRecordsOfOneIdAtOnceExactlyOneIsNew() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 20; round++) {
                ProviderEvent e = event("race-" + round, 1);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Recorded>> answers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return await(inbox.record(e));
                    }));
                }
                start.countDown();
                List<Recorded> results = new ArrayList<>();
                for (Future<Recorded> answer : answers) {
                    results.add(answer.get(10, TimeUnit.SECONDS));
                }
                assertThat(results).filteredOn(r -> r == Recorded.NEW).hasSize(1);
                assertThat(results).filteredOn(r -> r == Recorded.DUPLICATE).hasSize(threads - 1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The stage's value, waiting at most ten seconds. */
    protected static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the inbox's stage did not complete normally", e);
        }
    }
}
