package io.docverify.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.domain.CustomerId;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentType;
import io.docverify.dwollaserver.DwollaTestServer;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.file.FileUpload;
import io.docverify.ports.out.DocumentSubmission;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Smoke tests of the Dwolla figure's harness: both clients against the local Dwolla test server. */
class DwollaHarnessTest {

    @Test
    void bothClientsReadAndCreateDocumentsOnTheTestServer() throws Exception {
        try (DwollaTestServer server = DwollaBench.startServer();
                DwollaBench.Client raw = new DwollaBench.Raw(server.baseUrl());
                DwollaBench.Client adapter = new DwollaBench.Adapter(server.baseUrl())) {
            String owner = DwollaBench.newCustomer(server);
            Document seeded = server.backend().create(DocumentSubmission.of(new CustomerId(owner),
                    DocumentType.PASSPORT, FileUpload.ofBytes("passport.png", TestFiles.png()))).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            raw.get(seeded.id().value()).get(10, TimeUnit.SECONDS);
            assertThat(adapter.get(seeded.id().value()).get(10, TimeUnit.SECONDS)).isInstanceOf(Document.class)
                    .extracting(d -> ((Document) d).id()).isEqualTo(seeded.id());

            byte[] file = TestFiles.png(20_000);
            raw.create(DwollaBench.newCustomer(server), file).get(10, TimeUnit.SECONDS);
            String adapterOwner = DwollaBench.newCustomer(server);
            Document created = (Document) adapter.create(adapterOwner, file).get(10, TimeUnit.SECONDS);
            assertThat(created.owner()).contains(new CustomerId(adapterOwner));
            assertThat(server.backend().list(new CustomerId(adapterOwner)).toCompletableFuture().get().total())
                    .isEqualTo(1);
        }
    }

    @Test
    void aHoldingPublisherEmitsItsBytesOnDemandThenHolds() {
        byte[] file = TestFiles.png(1000);
        var publisher = new HoldingPublisher(file, 300, 700);
        var received = new ArrayList<ByteBuffer>();
        var errors = new ArrayList<Throwable>();
        Flow.Subscription[] subscription = new Flow.Subscription[1];
        publisher.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription[0] = s;
            }

            @Override
            public void onNext(ByteBuffer item) {
                received.add(item);
                subscription[0].request(1); // re-entrant request, as ChunkStreams does
            }

            @Override
            public void onError(Throwable t) {
                errors.add(t);
            }

            @Override
            public void onComplete() {
                errors.add(new AssertionError("a holding stream never completes"));
            }
        });
        assertThat(received).isEmpty();
        subscription[0].request(1);
        assertThat(received.stream().map(ByteBuffer::remaining).toList()).isEqualTo(List.of(300, 300, 100));
        assertThat(received.get(0).isReadOnly()).isTrue();
        assertThat(received.get(0).get(0)).isEqualTo(file[0]);
        assertThat(publisher.delivered()).isCompletedWithValue(700L);
        assertThat(errors).isEmpty();
        publisher.fail(new CancellationException("gave up"));
        assertThat(errors).singleElement().isInstanceOf(CancellationException.class);
    }
}
