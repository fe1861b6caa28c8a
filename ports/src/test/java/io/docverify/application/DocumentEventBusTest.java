package io.docverify.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.domain.CustomerId;
import io.docverify.domain.DocumentId;
import io.docverify.domain.event.DocumentEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentEventBusTest {
    private static final DocumentEvent EVENT =
            new DocumentEvent.DocumentApproved(new DocumentId("d1"), new CustomerId("c1"), Instant.EPOCH);

    @Test
    void everySubscriberGetsEachEventUntilItCloses() {
        var bus = new DocumentEventBus();
        List<DocumentEvent> first = new ArrayList<>();
        List<DocumentEvent> second = new ArrayList<>();
        DocumentEventBus.Subscription one = bus.subscribe(first::add);
        bus.subscribe(second::add);

        bus.publish(EVENT);
        one.close();
        bus.publish(EVENT);

        assertThat(first).containsExactly(EVENT);
        assertThat(second).containsExactly(EVENT, EVENT);
        assertThat(bus.listenerCount()).isEqualTo(1);
    }

    @Test
    void aFailingListenerIsReportedAndDoesNotStopTheOthers() {
        List<RuntimeException> reported = new ArrayList<>();
        var bus = new DocumentEventBus(reported::add);
        var failure = new IllegalStateException("listener bug");
        List<DocumentEvent> after = new ArrayList<>();
        bus.subscribe(e -> {
            throw failure;
        });
        bus.subscribe(after::add);

        bus.publish(EVENT);

        assertThat(reported).containsExactly(failure);
        assertThat(after).containsExactly(EVENT);
    }

    @Test
    void aDocumentsListenerHearsOnlyThatDocumentAndNoStatusChange() {
        var bus = new DocumentEventBus();
        List<DocumentEvent> d1 = new ArrayList<>();
        List<DocumentEvent> d2 = new ArrayList<>();
        List<DocumentEvent> everything = new ArrayList<>();
        DocumentEventBus.Subscription one = bus.subscribe(new DocumentId("d1"), d1::add);
        bus.subscribe(new DocumentId("d2"), d2::add);
        bus.subscribe(everything::add);
        var uploadedD2 = new DocumentEvent.DocumentUploaded(new DocumentId("d2"), new CustomerId("c1"),
                io.docverify.domain.DocumentType.PASSPORT, Instant.EPOCH);
        var verified = new DocumentEvent.OwnerStatusChanged(new CustomerId("c1"),
                io.docverify.domain.owner.CustomerStatus.DOCUMENT, io.docverify.domain.owner.CustomerStatus.VERIFIED,
                Instant.EPOCH);

        bus.publish(EVENT);
        bus.publish(uploadedD2);
        bus.publish(verified);
        assertThat(bus.listenerCount()).isEqualTo(3);
        one.close();
        bus.publish(EVENT);

        assertThat(d1).containsExactly(EVENT);
        assertThat(d2).containsExactly(uploadedD2);
        assertThat(everything).containsExactly(EVENT, uploadedD2, verified, EVENT);
        assertThat(bus.listenerCount()).isEqualTo(2);
    }

    @Test
    void aFailingDocumentListenerIsReportedAndDoesNotStopTheOthers() {
        List<RuntimeException> reported = new ArrayList<>();
        var bus = new DocumentEventBus(reported::add);
        var failure = new IllegalStateException("listener bug");
        List<DocumentEvent> after = new ArrayList<>();
        bus.subscribe(new DocumentId("d1"), e -> {
            throw failure;
        });
        bus.subscribe(new DocumentId("d1"), after::add);

        bus.publish(EVENT);

        assertThat(reported).containsExactly(failure);
        assertThat(after).containsExactly(EVENT);
    }
}
