package io.docverify.adapter.inmemory.store;

import io.docverify.ports.contract.ChangeNotificationsContract;
import io.docverify.ports.out.ChangeNotifications;

/** The shared notification behaviour, run against the in-process notifications. */
class InMemoryChangeNotificationsContractTest extends ChangeNotificationsContract {
    @Override
    protected ChangeNotifications newNotifications() {
        return new InMemoryChangeNotifications("replica-a");
    }
}
