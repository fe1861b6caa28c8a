package io.docverify.ports.contract;

import static io.docverify.ports.contract.ContractStages.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.DocumentId;
import io.docverify.ports.out.ChangeNotifications;
import io.docverify.ports.out.ChangeNotifications.Notice;
import io.docverify.ports.out.ChangeNotifications.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link ChangeNotifications} must show, heard by its own replica's listeners. */
public abstract class ChangeNotificationsContract {
    private ChangeNotifications notifications;
    private final List<Subscription> subscriptions = new ArrayList<>();

    /** A fresh notifier for one test, whose subscriptions are live when it is returned. */
    protected abstract ChangeNotifications newNotifications() throws Exception;

    /** Releases what {@link #newNotifications()} opened; nothing by default. */
    protected void closeNotifications(ChangeNotifications notifications) throws Exception {
    }

    @BeforeEach
    void open() throws Exception {
        notifications = newNotifications();
    }

    @AfterEach
    void close() throws Exception {
        subscriptions.forEach(Subscription::close);
        closeNotifications(notifications);
    }

    /** A listener that queues what it hears. */
    protected static final class Heard implements ChangeNotifications.Listener {
        final BlockingQueue<Notice> notices = new LinkedBlockingQueue<>();

        @Override
        public void changed(Notice notice) {
            notices.add(notice);
        }

        /** The next notice, waiting at most ten seconds. */
        public Notice next() throws InterruptedException {
            Notice notice = notices.poll(10, TimeUnit.SECONDS);
            assertThat(notice).as("a notice within ten seconds").isNotNull();
            return notice;
        }
    }

    private Heard listen() {
        var heard = new Heard();
        subscriptions.add(notifications.subscribe(heard));
        return heard;
    }

    @Test
    void aSubscriberHearsADocumentsChangeFromThisReplica() throws Exception {
        Heard heard = listen();

        await(notifications.notifyChanged(new DocumentId("d-1"), new CustomerId("c-1"), 42));

        assertThat(heard.next()).isEqualTo(new Notice(Optional.of(new DocumentId("d-1")), new CustomerId("c-1"), 42,
                notifications.replica()));
    }

    @Test
    void anOwnersChangeComesWithoutADocument() throws Exception {
        Heard heard = listen();

        await(notifications.notifyChanged(Optional.empty(), new BeneficialOwnerId("bo-1"), 7));

        assertThat(heard.next()).isEqualTo(new Notice(Optional.empty(), new BeneficialOwnerId("bo-1"), 7,
                notifications.replica()));
    }

    @Test
    void everySubscriberHearsEveryNoticeInTheOrderSent() throws Exception {
        Heard one = listen();
        Heard two = listen();

        for (long s = 1; s <= 50; s++) {
            await(notifications.notifyChanged(new DocumentId("d-" + s), new CustomerId("c-1"), s));
        }

        for (long s = 1; s <= 50; s++) {
            assertThat(one.next().sequence()).isEqualTo(s);
            assertThat(two.next().sequence()).isEqualTo(s);
        }
    }

    @Test
    void aClosedSubscriptionHearsNothingMore() throws Exception {
        var closed = new Heard();
        Subscription subscription = notifications.subscribe(closed);
        Heard open = listen();
        await(notifications.notifyChanged(new DocumentId("d-1"), new CustomerId("c-1"), 1));
        assertThat(closed.next().sequence()).isEqualTo(1);
        assertThat(open.next().sequence()).isEqualTo(1);

        subscription.close();
        subscription.close();
        await(notifications.notifyChanged(new DocumentId("d-2"), new CustomerId("c-1"), 2));

        assertThat(open.next().sequence()).isEqualTo(2);
        assertThat(closed.notices).isEmpty();
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheOthersNorItsOwnNextNotice() throws Exception {
        var failing = new ArrayList<Long>();
        subscriptions.add(notifications.subscribe(notice -> {
            synchronized (failing) {
                failing.add(notice.sequence());
            }
            throw new IllegalStateException("a listener's own failure");
        }));
        Heard heard = listen();

        await(notifications.notifyChanged(new DocumentId("d-1"), new CustomerId("c-1"), 1));
        await(notifications.notifyChanged(new DocumentId("d-2"), new CustomerId("c-1"), 2));

        assertThat(heard.next().sequence()).isEqualTo(1);
        assertThat(heard.next().sequence()).isEqualTo(2);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            synchronized (failing) {
                if (failing.size() >= 2) {
                    break;
                }
            }
            Thread.sleep(10);
        }
        synchronized (failing) {
            assertThat(failing).containsExactly(1L, 2L);
        }
    }
}
