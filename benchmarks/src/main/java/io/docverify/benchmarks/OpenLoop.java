package io.docverify.benchmarks;

import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentResponse;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Figure 2: an open-loop load generator for {@code GetDocument}. Call {@code i} is due at
 * {@code start + i / rate}; it is sent when due (or at once, if the sender is late) whatever the earlier calls
 * are doing, and its latency runs from the time it was due, not from the time it was sent, so a stall of the
 * server (or of the sender) is charged to every call it delays: no coordinated omission (as in wrk2). Latencies
 * go into an HdrHistogram (1 us to 60 s, 3 significant digits). Calls due during the warm-up are made but not
 * recorded.
 *
 * <p>{@code java -cp benchmarks.jar io.docverify.benchmarks.OpenLoop IMPL RATE JIT_WARMUP_S WARMUP_S MEASURE_S}
 * starts the server and client in one JVM, warms the JIT up with closed-loop calls, runs the open loop and prints
 * one {@code RESULT} line.
 */
public final class OpenLoop {
    private final DocumentServiceGrpc.DocumentServiceStub stub;
    private final GetDocumentRequest request;

    public OpenLoop(DocumentServiceGrpc.DocumentServiceStub stub, GetDocumentRequest request) {
        this.stub = stub;
        this.request = request;
    }

    /** The outcome of a run. */
    public record Outcome(Histogram latencies, long sent, long recorded, long errors, long unfinished,
            double offeredRate, double achievedRate) {
        /** A latency percentile in microseconds. */
        public double micros(double percentile) {
            return latencies.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    /** Runs at {@code rate} calls per second: {@code warmup} unrecorded, then {@code measure} recorded. */
    public Outcome run(double rate, Duration warmup, Duration measure) throws InterruptedException {
        if (rate <= 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
        var histogram = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
        var outstanding = new AtomicLong();
        var errors = new AtomicLong();
        var recorded = new AtomicLong();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        double periodNanos = 1e9 / rate;
        long sent = 0;
        for (long i = 0; ; i++) {
            long due = start + (long) (i * periodNanos);
            if (due >= end) {
                break;
            }
            long now;
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(due - now);
            }
            boolean record = due >= measureFrom;
            outstanding.incrementAndGet();
            sent++;
            stub.getDocument(request, new StreamObserver<>() {
                @Override
                public void onNext(GetDocumentResponse value) {
                }

                @Override
                public void onError(Throwable t) {
                    errors.incrementAndGet();
                    done();
                }

                @Override
                public void onCompleted() {
                    done();
                }

                private void done() {
                    if (record) {
                        histogram.recordValue(Math.min(System.nanoTime() - due, histogram.getHighestTrackableValue()));
                        recorded.incrementAndGet();
                    }
                    outstanding.decrementAndGet();
                }
            });
        }
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (outstanding.get() > 0 && System.nanoTime() < waitUntil) {
            Thread.sleep(1);
        }
        double measuredSeconds = measure.toNanos() / 1e9;
        return new Outcome(histogram.copy(), sent, recorded.get(), errors.get(), outstanding.get(), rate,
                recorded.get() / measuredSeconds);
    }

    /** The outcome of an interleaved run: one histogram per side. */
    public record Sides(Map<Impl, Histogram> latencies, long errors, long unfinished, double rate) {
        public double micros(Impl side, double percentile) {
            return latencies.get(side).getValueAtPercentile(percentile) / 1000.0;
        }
    }

    /**
     * One open loop at {@code rate} over both servers: the call due at time t goes to the side of the slice t
     * falls in (A B B A ..., {@link Interleaved#sideOf}), and its latency, from its due time, goes into that side's
     * histogram (unless its slice is a warm-up slice). A stall of the machine thus lands on both sides alike.
     */
    public static Sides runInterleaved(Map<Impl, OpenLoop> sides, double rate, long sliceMillis, int warmupSlices,
            int measuredSlices, Impl first) throws InterruptedException {
        Map<Impl, Histogram> histograms = new java.util.EnumMap<>(Impl.class);
        for (Impl side : Impl.values()) {
            histograms.put(side, new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3));
        }
        var outstanding = new AtomicLong();
        var errors = new AtomicLong();
        long sliceNanos = TimeUnit.MILLISECONDS.toNanos(sliceMillis);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        long end = start + sliceNanos * (warmupSlices + measuredSlices);
        double periodNanos = 1e9 / rate;
        for (long i = 0; ; i++) {
            long due = start + (long) (i * periodNanos);
            if (due >= end) {
                break;
            }
            long now;
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(due - now);
            }
            int slice = (int) ((due - start) / sliceNanos);
            Impl side = Interleaved.sideOf(slice, first);
            Histogram histogram = slice >= warmupSlices ? histograms.get(side) : null;
            OpenLoop target = sides.get(side);
            outstanding.incrementAndGet();
            target.stub.getDocument(target.request, new StreamObserver<>() {
                @Override
                public void onNext(GetDocumentResponse value) {
                }

                @Override
                public void onError(Throwable t) {
                    errors.incrementAndGet();
                    done();
                }

                @Override
                public void onCompleted() {
                    done();
                }

                private void done() {
                    if (histogram != null) {
                        histogram.recordValue(Math.min(System.nanoTime() - due, histogram.getHighestTrackableValue()));
                    }
                    outstanding.decrementAndGet();
                }
            });
        }
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (outstanding.get() > 0 && System.nanoTime() < waitUntil) {
            Thread.sleep(1);
        }
        Map<Impl, Histogram> copies = new java.util.EnumMap<>(Impl.class);
        histograms.forEach((side, h) -> copies.put(side, h.copy()));
        return new Sides(copies, errors.get(), outstanding.get(), rate);
    }

    /** Gets the JIT to its steady state fast: four threads calling as fast as they can, unrecorded. */
    static void closedLoop(Fixture fixture, Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        var stub = fixture.client().blocking();
        var threads = new java.util.ArrayList<Thread>();
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                while (System.nanoTime() < end) {
                    stub.getDocument(fixture.getRequest());
                }
            }, "jit-warmup-" + t));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("interleaved")) {
            interleavedMain(args);
            return;
        }
        Impl impl = Impl.parse(args[0]);
        double rate = Double.parseDouble(args[1]);
        Duration jitWarmup = Duration.ofSeconds(Long.parseLong(args[2]));
        Duration warmup = Duration.ofSeconds(Long.parseLong(args[3]));
        Duration measure = Duration.ofSeconds(Long.parseLong(args[4]));
        try (Fixture fixture = Fixture.start(impl)) {
            closedLoop(fixture, jitWarmup);
            Outcome o = new OpenLoop(fixture.client().async(), fixture.getRequest()).run(rate, warmup, measure);
            System.out.println(ResultLine.format("latency", impl,
                    "rate", o.offeredRate(), "achieved", o.achievedRate(),
                    "p50us", o.micros(50), "p90us", o.micros(90), "p99us", o.micros(99),
                    "p999us", o.micros(99.9), "maxus", o.latencies().getMaxValue() / 1000.0,
                    "count", o.recorded(), "errors", o.errors(), "unfinished", o.unfinished()));
        }
        System.exit(0);
    }

    /** {@code interleaved RATE JIT_WARMUP_S SLICE_MS WARMUP_SLICES MEASURED_SLICES FIRST}: both servers, one loop. */
    private static void interleavedMain(String[] args) throws Exception {
        double rate = Double.parseDouble(args[1]);
        Duration jitWarmup = Duration.ofSeconds(Long.parseLong(args[2]));
        long sliceMillis = Long.parseLong(args[3]);
        int warmupSlices = Integer.parseInt(args[4]);
        int measuredSlices = Integer.parseInt(args[5]);
        Impl first = Impl.parse(args[6]);
        try (Fixture bare = Fixture.start(Impl.BARE); Fixture docverify = Fixture.start(Impl.DOCVERIFY)) {
            closedLoop(bare, jitWarmup.dividedBy(2));
            closedLoop(docverify, jitWarmup.dividedBy(2));
            Sides o = runInterleaved(Map.of(
                    Impl.BARE, new OpenLoop(bare.client().async(), bare.getRequest()),
                    Impl.DOCVERIFY, new OpenLoop(docverify.client().async(), docverify.getRequest())),
                    rate, sliceMillis, warmupSlices, measuredSlices, first);
            for (Impl side : Impl.values()) {
                LatencyPlots.save("latency", side, o.latencies().get(side));
            }
            System.out.println(ResultLine.format("latency", Impl.DOCVERIFY, "rate", rate,
                    "bareP50us", o.micros(Impl.BARE, 50), "docverifyP50us", o.micros(Impl.DOCVERIFY, 50),
                    "bareP99us", o.micros(Impl.BARE, 99), "docverifyP99us", o.micros(Impl.DOCVERIFY, 99),
                    "bareP999us", o.micros(Impl.BARE, 99.9), "docverifyP999us", o.micros(Impl.DOCVERIFY, 99.9),
                    "bareCount", o.latencies().get(Impl.BARE).getTotalCount(),
                    "docverifyCount", o.latencies().get(Impl.DOCVERIFY).getTotalCount(),
                    "errors", o.errors(), "unfinished", o.unfinished()));
        }
        System.exit(0);
    }
}
