package io.docverify.adapter.postgres;

import io.docverify.ports.contract.ChangeNotificationsContract;
import io.docverify.ports.contract.IdempotencyRecordsContract;
import io.docverify.ports.contract.JournalContract;
import io.docverify.ports.contract.MutableClock;
import io.docverify.ports.contract.WebhookInboxContract;
import io.docverify.ports.out.ChangeNotifications;
import io.docverify.ports.out.IdempotencyRecords;
import io.docverify.ports.out.Journal;
import io.docverify.ports.out.WebhookInbox;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * Each store's shared behaviour suite, run against PostgreSQL: one database and one {@link PostgresStores} for all,
 * its tables emptied before each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresStoreContractTests {
    private static final Duration LIMIT = Duration.ofSeconds(10);
    private PostgresStores stores;

    @BeforeAll
    void start() throws Exception {
        stores = TestDatabase.start(TestDatabase.newDatabase(), "replica-a", Clock.systemUTC());
    }

    @AfterAll
    void stop() {
        stores.close();
    }

    @Nested
    class Inbox extends WebhookInboxContract {
        @Override
        protected WebhookInbox newInbox() throws Exception {
            TestDatabase.truncate(stores);
            return stores.webhookInbox();
        }
    }

    @Nested
    class Journals extends JournalContract {
        @Override
        protected Journal newJournal(MutableClock clock) throws Exception {
            TestDatabase.truncate(stores);
            return new PostgresJournal(stores.pool(), clock, LIMIT);
        }
    }

    @Nested
    class Idempotency extends IdempotencyRecordsContract {
        @Override
        protected IdempotencyRecords newRecords(MutableClock clock, Duration window) throws Exception {
            TestDatabase.truncate(stores);
            return new PostgresIdempotencyRecords(stores.pool(), clock, window, LIMIT);
        }
    }

    @Nested
    class Notifications extends ChangeNotificationsContract {
        @Override
        protected ChangeNotifications newNotifications() {
            return stores.changeNotifications();
        }
    }
}
