package io.docverify.benchmarks;

import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentRequest;
import io.docverify.ports.contract.TestFiles;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Closed-loop throughput of the baseline and docverify measured in the same JVM, in alternating time slices: both
 * servers run side by side, and the same client threads call one of them for a slice, then the other, in the
 * order A B B A A B B A ... (so a linear drift of the machine's load favours neither). A slice ends when its
 * calls in flight have finished, so every call and every nanosecond belongs to exactly one side. On a shared
 * machine whose load moves from minute to minute this gives a far steadier ratio than two runs one after the
 * other.
 *
 * <p>Also the CPU a call costs on each side: the JVM's CPU time during that side's slices (the idle server uses
 * next to none) divided by its calls.
 *
 * <p>{@code java -cp benchmarks.jar io.docverify.benchmarks.Interleaved get|upload THREADS SLICE_MS WARMUP_SLICES
 * MEASURED_SLICES}
 */
public final class Interleaved {
    /** One operation against one side. */
    @FunctionalInterface
    interface Operation {
        void call(Impl side) throws Exception;
    }

    /** Per-side totals over the measured slices. */
    public record Side(long calls, long nanos, long cpuNanos) {
        public double perSecond() {
            return calls * 1e9 / nanos;
        }

        public double cpuMicrosPerCall() {
            return calls == 0 ? Double.NaN : cpuNanos / 1000.0 / calls;
        }
    }

    private static final int PAUSED = -1;

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private volatile int current = PAUSED;
    private volatile boolean running = true;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong[] calls = {new AtomicLong(), new AtomicLong()};
    private final AtomicLong failures = new AtomicLong();

    /** The side of slice {@code i}: A B B A A B B A ... with A = {@code first}. */
    static Impl sideOf(int slice, Impl first) {
        boolean a = (slice % 4 == 0) || (slice % 4 == 3);
        Impl other = first == Impl.BARE ? Impl.DOCVERIFY : Impl.BARE;
        return a ? first : other;
    }

    /** Runs {@code threads} client threads over the slices; returns the measured totals of both sides. */
    public Map<Impl, Side> run(Operation operation, int threads, long sliceMillis, int warmupSlices,
            int measuredSlices, Impl first) throws InterruptedException {
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> work(operation), "interleaved-client-" + t);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        long[] nanos = new long[2];
        long[] cpu = new long[2];
        long[] measuredCalls = new long[2];
        try {
            for (int slice = 0; slice < warmupSlices + measuredSlices; slice++) {
                Impl side = sideOf(slice, first);
                long callsBefore = calls[side.ordinal()].get();
                long cpuBefore = os.getProcessCpuTime();
                long start = System.nanoTime();
                current = side.ordinal();
                Thread.sleep(sliceMillis);
                current = PAUSED;
                while (inFlight.get() > 0) {
                    LockSupport.parkNanos(20_000);
                }
                long elapsed = System.nanoTime() - start;
                if (slice >= warmupSlices) {
                    nanos[side.ordinal()] += elapsed;
                    cpu[side.ordinal()] += os.getProcessCpuTime() - cpuBefore;
                    measuredCalls[side.ordinal()] += calls[side.ordinal()].get() - callsBefore;
                }
            }
        } finally {
            running = false;
            for (Thread w : workers) {
                w.join(TimeUnit.SECONDS.toMillis(60));
            }
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " calls failed");
        }
        Map<Impl, Side> result = new EnumMap<>(Impl.class);
        for (Impl side : Impl.values()) {
            result.put(side, new Side(measuredCalls[side.ordinal()], nanos[side.ordinal()], cpu[side.ordinal()]));
        }
        return result;
    }

    private void work(Operation operation) {
        while (running) {
            int side = current;
            if (side == PAUSED) {
                LockSupport.parkNanos(50_000);
                continue;
            }
            inFlight.incrementAndGet();
            try {
                if (current != side) {
                    continue; // the slice ended meanwhile: do not start a call in the pause
                }
                operation.call(Impl.values()[side]);
                calls[side].incrementAndGet();
            } catch (Exception e) {
                failures.incrementAndGet();
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        String figure = args[0];
        int threads = Integer.parseInt(args[1]);
        long sliceMillis = Long.parseLong(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int measured = Integer.parseInt(args[4]);
        Impl first = args.length > 5 ? Impl.parse(args[5]) : Impl.BARE;
        try (Fixture bare = Fixture.start(Impl.BARE); Fixture docverify = Fixture.start(Impl.DOCVERIFY)) {
            Map<Impl, Fixture> fixtures = Map.of(Impl.BARE, bare, Impl.DOCVERIFY, docverify);
            Operation operation;
            if (figure.equals("get")) {
                Map<Impl, DocumentServiceGrpc.DocumentServiceBlockingStub> stubs = Map.of(
                        Impl.BARE, bare.client().blocking(), Impl.DOCVERIFY, docverify.client().blocking());
                operation = side -> stubs.get(side).getDocument(fixtures.get(side).getRequest());
            } else if (figure.equals("upload")) {
                List<UploadDocumentRequest> chunks = Upload.chunks(TestFiles.png(Fixture.FILE_BYTES),
                        Fixture.CHUNK_BYTES);
                docverify.prepareUploaders(2000);
                operation = side -> {
                    Fixture f = fixtures.get(side);
                    Upload.start(f.client().async(), f.nextUpload(), chunks).result().get(60, TimeUnit.SECONDS);
                };
            } else {
                throw new IllegalArgumentException("figure must be get or upload: " + figure);
            }
            Map<Impl, Side> result = new Interleaved().run(operation, threads, sliceMillis, warmup, measured, first);
            Side b = result.get(Impl.BARE);
            Side d = result.get(Impl.DOCVERIFY);
            System.out.println(ResultLine.format(figure, Impl.DOCVERIFY,
                    "bareCalls", b.calls(), "bareSeconds", b.nanos() / 1e9, "barePerSecond", b.perSecond(),
                    "bareCpuUsPerCall", b.cpuMicrosPerCall(),
                    "docverifyCalls", d.calls(), "docverifySeconds", d.nanos() / 1e9,
                    "docverifyPerSecond", d.perSecond(), "docverifyCpuUsPerCall", d.cpuMicrosPerCall()));
        }
        System.exit(0);
    }
}
