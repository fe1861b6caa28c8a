package io.docverify.grpc.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.domain.CustomerId;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.grpc.config.ConfigReader;
import io.docverify.grpc.config.ServiceConfig;
import io.docverify.ports.out.DocumentChange;
import io.docverify.ports.out.HistoryQuery;
import io.docverify.ports.out.JournalEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The stores' schedule as the service runs it: journal entries older than the retention pruned, and only then. */
class StoreMaintenanceTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final CustomerId OWNER = new CustomerId("c-retention");

    private static List<JournalEntry> pruneAndRead(Map<String, String> settings) throws Exception {
        ServiceConfig config = ConfigReader.read(settings);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        ServiceStores stores = ServiceStores.inMemory(config.database(), config.webhook(), clock);
        for (Instant at : List.of(NOW.minus(Duration.ofDays(40)), NOW.minus(Duration.ofDays(20)), NOW)) {
            stores.journal().changed(new DocumentChange.OwnerStatusChanged(OWNER, CustomerStatus.VERIFIED,
                    DocumentChange.Source.SANDBOX, Optional.empty(), at)).toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
        }
        new StoreMaintenance(stores, config.database(), config.webhook().replayWindow(), clock, up -> { }).prune();
        return stores.journal().history(HistoryQuery.of(OWNER)).toCompletableFuture().get(5, TimeUnit.SECONDS)
                .entries();
    }

    @Test
    void withAJournalRetentionOlderEntriesArePruned() throws Exception {
        assertThat(pruneAndRead(Map.of("DOCVERIFY_DATABASE_JOURNAL_RETENTION", "P30D")))
                .extracting(e -> ((JournalEntry.Changed) e).change().at())
                .containsExactly(NOW.minus(Duration.ofDays(20)), NOW);
    }

    @Test
    void withoutOneOrWithItOffEveryEntryIsKept() throws Exception {
        assertThat(pruneAndRead(Map.of())).hasSize(3);
        assertThat(pruneAndRead(Map.of("DOCVERIFY_DATABASE_JOURNAL_RETENTION", "off"))).hasSize(3);
    }
}
