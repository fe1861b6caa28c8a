package io.docverify.adapter.inmemory.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.ports.contract.MutableClock;
import io.docverify.ports.out.ProviderEvent;
import io.docverify.ports.out.WebhookInbox.Recorded;
import io.docverify.ports.out.WebhookInbox.Status;
import io.docverify.ports.out.WebhookInboxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** What the in-memory inbox keeps: ids at least the retention, at most the cap, refusing rather than forgetting. */
class InMemoryWebhookInboxRetentionTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private static ProviderEvent event(String id, Instant created) {
        return new ProviderEvent(id, created, "customer_verification_document_uploaded", "doc-" + id,
                Optional.empty(), Optional.empty());
    }

    @Test
    void atTheCapAnIdInsideTheRetentionIsKeptAndTheNewRecordRefused() throws Exception {
        var inbox = new InMemoryWebhookInbox(clock, Duration.ofHours(72), 2);
        assertThat(value(inbox.record(event("a", NOW.minusSeconds(60))))).isEqualTo(Recorded.NEW);
        assertThat(value(inbox.record(event("b", NOW.minusSeconds(30))))).isEqualTo(Recorded.NEW);

        assertThatThrownBy(() -> inbox.record(event("c", NOW)).toCompletableFuture().get())
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(WebhookInboxException.class);

        assertThat(value(inbox.status("c"))).isEqualTo(Status.UNKNOWN);
        assertThat(value(inbox.record(event("a", NOW)))).isEqualTo(Recorded.DUPLICATE);
        assertThat(inbox.size()).isEqualTo(2);
    }

    @Test
    void atTheCapExpiredIdsMakeRoom() throws Exception {
        var inbox = new InMemoryWebhookInbox(clock, Duration.ofHours(72), 2);
        value(inbox.record(event("old", NOW.minus(Duration.ofHours(73)))));
        value(inbox.record(event("recent", NOW.minus(Duration.ofHours(71)))));

        assertThat(value(inbox.record(event("new", NOW)))).isEqualTo(Recorded.NEW);

        assertThat(value(inbox.status("old"))).isEqualTo(Status.UNKNOWN);
        assertThat(value(inbox.status("recent"))).isEqualTo(Status.RECORDED);
        assertThat(inbox.size()).isEqualTo(2);
    }

    @Test
    void belowTheCapNothingIsDropped() throws Exception {
        var inbox = new InMemoryWebhookInbox(clock, Duration.ofHours(1), 10);
        value(inbox.record(event("old", NOW.minus(Duration.ofDays(5)))));

        assertThat(value(inbox.status("old"))).isEqualTo(Status.RECORDED);
    }

    @Test
    void theLastProcessedEventOutlivesItsId() throws Exception {
        var inbox = new InMemoryWebhookInbox(clock, Duration.ofHours(1), 1);
        ProviderEvent old = event("old", NOW.minus(Duration.ofHours(2)));
        value(inbox.record(old));
        value(inbox.markProcessed(old));

        value(inbox.record(event("new", NOW)));

        assertThat(value(inbox.status("old"))).isEqualTo(Status.UNKNOWN);
        assertThat(value(inbox.lastProcessed())).contains(old);
    }

    /**
     * A full inbox whose ids are all inside the retention refuses each new id; it must not look through every id
     * again for each refusal (at the default cap, 100,000 per request on the intake's event loop) when none can have
     * expired since the last look. Once the oldest may have, it looks again and makes room.
     */
    @Test
    void atTheCapRefusalsDoNotRescanTheIdsUntilTheOldestMayHaveExpired() throws Exception {
        var moving = new MutableClock(NOW);
        var inbox = new InMemoryWebhookInbox(moving, Duration.ofHours(72), 3);
        value(inbox.record(event("oldest", NOW.minus(Duration.ofHours(71)))));
        value(inbox.record(event("middle", NOW.minus(Duration.ofHours(10)))));
        value(inbox.record(event("newest", NOW)));

        for (int i = 0; i < 1_000; i++) {
            int n = i;
            assertThatThrownBy(() -> inbox.record(event("refused-" + n, NOW)).toCompletableFuture().get())
                    .hasCauseInstanceOf(WebhookInboxException.class);
            moving.advance(Duration.ofSeconds(1));
        }
        assertThat(inbox.scans()).as("looks through the ids for 1,000 refusals within the hour").isLessThanOrEqualTo(1);

        moving.advance(Duration.ofHours(1));
        assertThat(value(inbox.record(event("after-the-oldest-expired", moving.instant())))).isEqualTo(Recorded.NEW);
        assertThat(value(inbox.status("oldest"))).isEqualTo(Status.UNKNOWN);
        assertThat(value(inbox.status("middle"))).isEqualTo(Status.RECORDED);
        assertThat(inbox.size()).isEqualTo(3);
    }

    private static <T> T value(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get();
    }
}
