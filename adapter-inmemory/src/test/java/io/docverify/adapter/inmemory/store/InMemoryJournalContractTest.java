package io.docverify.adapter.inmemory.store;

import io.docverify.ports.contract.JournalContract;
import io.docverify.ports.contract.MutableClock;
import io.docverify.ports.out.Journal;

/** The shared journal behaviour, run against the in-memory journal. */
class InMemoryJournalContractTest extends JournalContract {
    @Override
    protected Journal newJournal(MutableClock clock) {
        return new InMemoryJournal(clock, 10_000);
    }
}
