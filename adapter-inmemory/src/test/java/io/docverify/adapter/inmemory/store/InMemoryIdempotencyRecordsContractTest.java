package io.docverify.adapter.inmemory.store;

import io.docverify.ports.contract.IdempotencyRecordsContract;
import io.docverify.ports.contract.MutableClock;
import io.docverify.ports.out.IdempotencyRecords;
import java.time.Duration;

/** The shared idempotency behaviour, run against the in-memory records. */
class InMemoryIdempotencyRecordsContractTest extends IdempotencyRecordsContract {
    @Override
    protected IdempotencyRecords newRecords(MutableClock clock, Duration window) {
        return new InMemoryIdempotencyRecords(clock, window, 1000);
    }
}
