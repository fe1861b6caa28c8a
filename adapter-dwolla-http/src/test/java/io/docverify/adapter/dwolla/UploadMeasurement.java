package io.docverify.adapter.dwolla;

import io.docverify.domain.CustomerId;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentType;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.out.DocumentSubmission;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Rough numbers for the report, not a test (no assertions, not run by the build): latency of small and 10 MiB
 * uploads and of reads against a test server in another JVM, heap bytes allocated per upload, and the heap
 * peak while uploads run concurrently.
 *
 * <pre>
 * java -cp ... io.docverify.dwollaserver.DwollaServerMain --port 18080 --no-openapi --key k --secret s \
 *     --customer m1 ... --customer m40 &amp;
 * java -Xmx128m -cp test-classes:classes:... io.docverify.adapter.dwolla.UploadMeasurement http://127.0.0.1:18080 k s
 * </pre>
 * Customers {@code m1..m40} must exist in {@code document} status (four pending documents each).
 */
public final class UploadMeasurement {
    private static final int TEN_MIB = 10 * 1024 * 1024;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private UploadMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        DwollaConfig config = DwollaConfig.builder().baseUrl(args[0]).key(args[1]).secret(args[2])
                .rateLimitPerSecond(10_000).build();
        var customers = new ArrayList<CustomerId>();
        for (int i = 1; i <= 40; i++) {
            customers.add(new CustomerId("m" + i));
        }
        int next = 0;
        try (var dwolla = DwollaDocumentProvider.create(config, new SimpleMeterRegistry())) {
            // Warm-up: 20 small uploads and reads (m1..m5).
            for (int i = 0; i < 20; i++) {
                Document d = upload(dwolla, customers.get(next++ / 4), TestFiles.png(1024));
                dwolla.get(d.id()).toCompletableFuture().join();
            }
            // Small uploads and reads: 60 each (m6..m20).
            long[] smallUploads = new long[60];
            long[] reads = new long[60];
            Document last = null;
            for (int i = 0; i < 60; i++) {
                byte[] file = TestFiles.png(1024);
                long t0 = System.nanoTime();
                last = upload(dwolla, customers.get(next++ / 4), file);
                smallUploads[i] = System.nanoTime() - t0;
                t0 = System.nanoTime();
                dwolla.get(last.id()).toCompletableFuture().join();
                reads[i] = System.nanoTime() - t0;
            }
            report("upload 1 KiB (POST + read-back GET)", smallUploads);
            report("get document", reads);

            // 10 MiB uploads, one at a time: 12 (m21..m23), allocation measured around each call only.
            long[] bigUploads = new long[12];
            long[] allocated = new long[12];
            for (int i = 0; i < 12; i++) {
                byte[] file = TestFiles.png(TEN_MIB);
                long a0 = allocatedBytes();
                long t0 = System.nanoTime();
                upload(dwolla, customers.get(next++ / 4), file);
                bigUploads[i] = System.nanoTime() - t0;
                allocated[i] = allocatedBytes() - a0;
            }
            report("upload 10 MiB", bigUploads);
            Arrays.sort(allocated);
            System.out.printf("heap allocated per 10 MiB upload (all threads of this JVM): median %.1f MiB, "
                    + "min %.1f, max %.1f%n", mib(allocated[6]), mib(allocated[0]), mib(allocated[11]));

            // Four 10 MiB uploads at once (m24..m27), heap peak with the files themselves already in memory.
            List<byte[]> files = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                files.add(TestFiles.png(TEN_MIB));
            }
            System.gc();
            resetPeaks();
            long before = usedHeap();
            long t0 = System.nanoTime();
            List<CompletableFuture<Document>> running = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                running.add(dwolla.create(DocumentSubmission.of(customers.get(23 + i), DocumentType.PASSPORT,
                        TestFiles.upload("big.png", files.get(i)))).toCompletableFuture());
            }
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
            System.out.printf("4 concurrent 10 MiB uploads: %d ms; heap before %.1f MiB (files included), "
                    + "peak of heap pools %.1f MiB, max heap %.0f MiB%n",
                    Duration.ofNanos(System.nanoTime() - t0).toMillis(), mib(before), mib(peakHeap()),
                    mib(Runtime.getRuntime().maxMemory()));
        }
    }

    private static Document upload(DwollaDocumentProvider dwolla, CustomerId customer, byte[] file) {
        return dwolla.create(DocumentSubmission.of(customer, DocumentType.PASSPORT,
                TestFiles.upload("scan.png", file))).toCompletableFuture().join();
    }

    private static long allocatedBytes() {
        long[] ids = THREADS.getAllThreadIds();
        long sum = 0;
        for (long a : THREADS.getThreadAllocatedBytes(ids)) {
            sum += Math.max(0, a);
        }
        return sum;
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: n=%d p50 %.1f ms, p90 %.1f ms, max %.1f ms%n", what, sorted.length,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.9)] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
