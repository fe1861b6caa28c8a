package io.docverify.benchmarks;

import com.google.protobuf.ByteString;
import io.docverify.domain.CustomerId;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentResponse;
import io.docverify.ports.contract.TestFiles;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Figure 7's attackers ({@link UnderAttack}): each holds one slow upload at a time and opens the next when the
 * server ends it.
 */
final class Attack {
    private static final Duration TRICKLE = Duration.ofSeconds(5);
    private static final Duration REFUSED_BACKOFF = Duration.ofMillis(100);

    private final DocumentServiceGrpc.DocumentServiceStub stub;
    private final List<String> owners;
    private final java.util.function.DoubleSupplier inUse;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "attackers");
        t.setDaemon(true);
        return t;
    });
    private final byte[] file = TestFiles.png(1024 * 1024);
    private final Map<String, LongAdder> ends = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<ClientCallStreamObserver<UploadDocumentRequest>> open =
            new ConcurrentLinkedQueue<>();
    final AtomicLong opened = new AtomicLong();
    private final LongAdder samples = new LongAdder();
    private final java.util.concurrent.atomic.DoubleAdder inUseSum = new java.util.concurrent.atomic.DoubleAdder();
    private volatile boolean stopped;

    Attack(DocumentServiceGrpc.DocumentServiceStub stub, List<CustomerId> owners,
            java.util.function.DoubleSupplier inUse) {
        this.stub = stub;
        this.owners = owners.stream().map(CustomerId::value).toList();
        this.inUse = inUse;
    }

    void start() {
        owners.forEach(this::open);
    }

    /** Samples the slots in use (called by the legitimate loop every ~100 ms of its recorded part). */
    void sample() {
        samples.increment();
        inUseSum.add(inUse.getAsDouble());
    }

    double meanInUse() {
        return samples.sum() == 0 ? Double.NaN : inUseSum.sum() / samples.sum();
    }

    Map<String, Long> endings() {
        var m = new TreeMap<String, Long>();
        ends.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    private void open(String owner) {
        if (stopped) {
            return;
        }
        opened.incrementAndGet();
        var lock = new Object();
        var trickle = new java.util.concurrent.atomic.AtomicReference<ScheduledFuture<?>>();
        var call = new java.util.concurrent.atomic.AtomicReference<ClientCallStreamObserver<UploadDocumentRequest>>();
        stub.withDeadlineAfter(10, TimeUnit.MINUTES).uploadDocument(new ClientResponseObserver<
                UploadDocumentRequest, UploadDocumentResponse>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<UploadDocumentRequest> stream) {
                call.set(stream);
                open.add(stream);
            }

            @Override
            public void onNext(UploadDocumentResponse value) {
            }

            @Override
            public void onError(Throwable t) {
                ended(Status.fromThrowable(t).getCode());
            }

            @Override
            public void onCompleted() {
                ended(Status.Code.OK);
            }

            private void ended(Status.Code code) {
                synchronized (lock) {
                    ScheduledFuture<?> f = trickle.get();
                    if (f != null) {
                        f.cancel(false);
                    }
                }
                open.remove(call.get());
                if (stopped) {
                    return;
                }
                ends.computeIfAbsent(code.name(), k -> new LongAdder()).increment();
                try {
                    if (code == Status.Code.RESOURCE_EXHAUSTED) {
                        clock.schedule(() -> open(owner), REFUSED_BACKOFF.toMillis(), TimeUnit.MILLISECONDS);
                    } else {
                        clock.execute(() -> open(owner));
                    }
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // stopped meanwhile
                }
            }
        });
        // The metadata and the file's first 8 bytes at once, then one more byte every 5 s.
        var requests = call.get();
        var at = new AtomicLong(8);
        synchronized (lock) {
            requests.onNext(UploadDocumentRequest.newBuilder().setMetadata(Upload.passport(owner)).build());
            requests.onNext(UploadDocumentRequest.newBuilder().setChunk(ByteString.copyFrom(file, 0, 8)).build());
            try {
                trickle.set(clock.scheduleAtFixedRate(() -> {
                    synchronized (lock) {
                        int i = (int) at.getAndIncrement();
                        if (i < file.length && !stopped) {
                            try {
                                requests.onNext(UploadDocumentRequest.newBuilder()
                                        .setChunk(ByteString.copyFrom(file, i, 1)).build());
                            } catch (IllegalStateException e) {
                                // cancelled meanwhile (the attack is over)
                            }
                        }
                    }
                }, TRICKLE.toMillis(), TRICKLE.toMillis(), TimeUnit.MILLISECONDS));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // stopped meanwhile
            }
        }
    }

    void stop() {
        stopped = true;
        clock.shutdownNow();
        for (var call : open) {
            call.cancel("attack over", null);
        }
    }
}
