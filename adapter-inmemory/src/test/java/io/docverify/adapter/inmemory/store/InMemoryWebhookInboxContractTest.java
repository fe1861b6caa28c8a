package io.docverify.adapter.inmemory.store;

import io.docverify.ports.contract.WebhookInboxContract;
import io.docverify.ports.out.WebhookInbox;
import java.time.Clock;
import java.time.Duration;

/** The shared inbox behaviour, run against the in-memory inbox. */
class InMemoryWebhookInboxContractTest extends WebhookInboxContract {
    @Override
    protected WebhookInbox newInbox() {
        return new InMemoryWebhookInbox(Clock.systemUTC(), Duration.ofDays(3), 1000);
    }
}
