package io.docverify.grpc;

import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import io.docverify.ports.out.DocumentPage;
import io.docverify.ports.file.FileUpload;
import io.docverify.ports.out.DocumentSubmission;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory backend with its provider watched: how many bytes and chunks reached the provider, how each
 * upload's content ended ({@code complete}, {@code error} from the stream, {@code cancelled} by the provider),
 * and optionally a provider that stops asking for chunks after the first ones (a slow provider).
 */
public final class InstrumentedBackend extends WrappedInMemoryBackend {
    public final AtomicLong bytesSeen = new AtomicLong();
    public final AtomicLong chunksSeen = new AtomicLong();
    public final BlockingQueue<String> endings = new LinkedBlockingQueue<>();
    /** When set, the provider asks for no chunk once it has seen one. */
    public volatile boolean stallAfterFirstChunk;

    @Override
    public CompletionStage<Document> create(DocumentSubmission command) {
        Flow.Publisher<ByteBuffer> original = command.file().content();
        Flow.Publisher<ByteBuffer> watched = downstream -> original.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription upstream) {
                downstream.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                        if (!(stallAfterFirstChunk && chunksSeen.get() > 0)) {
                            upstream.request(n);
                        }
                    }

                    @Override
                    public void cancel() {
                        endings.add("cancelled");
                        upstream.cancel();
                    }
                });
            }

            @Override
            public void onNext(ByteBuffer chunk) {
                bytesSeen.addAndGet(chunk.remaining());
                chunksSeen.incrementAndGet();
                downstream.onNext(chunk);
            }

            @Override
            public void onError(Throwable error) {
                endings.add("error");
                downstream.onError(error);
            }

            @Override
            public void onComplete() {
                endings.add("complete");
                downstream.onComplete();
            }
        });
        return base.documents().create(new DocumentSubmission(command.owner(), command.type(),
                new FileUpload(command.file().fileName(), watched, command.file().declaredDigest()), command.idempotencyKey()));
    }

    @Override
    public CompletionStage<Document> get(DocumentId id) {
        return base.documents().get(id);
    }

    @Override
    public CompletionStage<DocumentPage> list(OwnerId owner) {
        return base.documents().list(owner);
    }

    @Override
    public String name() {
        return "instrumented-inmemory";
    }
}
