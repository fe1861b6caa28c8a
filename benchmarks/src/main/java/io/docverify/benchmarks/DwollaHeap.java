package io.docverify.benchmarks;

import io.docverify.adapter.dwolla.DwollaConfig;
import io.docverify.adapter.dwolla.DwollaDocumentProvider;
import io.docverify.domain.CustomerId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.dwollaserver.DwollaTestServer;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.file.FileUpload;
import io.docverify.ports.out.DocumentSubmission;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Figure 6b: heap retained per in-flight upload with the Dwolla backend, and the bulkhead's cap. The adapter
 * (defaults: at most {@code maxConcurrentUploads} = 16 uploads held at once) uploads to the local Dwolla-compatible
 * server; {@code N} uploads each stall after {@code SENT} bytes ({@link HoldingPublisher}: the bytes are slices of
 * one shared file, so only the adapter's own copies count). Heap after full GCs, minus the heap before, divided by
 * {@code N}. Then {@code EXTRA} more uploads are started: with {@code N} = the cap they must be refused at once with
 * {@code TooManyRequests} (what a full bulkhead answers: see {@link #refusedByBulkhead}).
 *
 * <p>{@code java -cp benchmarks.jar io.docverify.benchmarks.DwollaHeap N SENT_BYTES EXTRA}
 */
public final class DwollaHeap {
    private DwollaHeap() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        long sent = Long.parseLong(args[1]);
        int extra = Integer.parseInt(args[2]);
        System.out.println(measure(UnaryOperator.identity(), n, sent, extra));
        System.exit(0);
    }

    /**
     * Whether an extra upload's failure is the bulkhead's refusal. Checked by the smoke test against the adapter's
     * real answer, so a changed error code fails the build instead of silently reading "0 refused".
     */
    static boolean refusedByBulkhead(Throwable failure) {
        return failure instanceof DocumentException d && d.error().code() == ErrorCode.TOO_MANY_REQUESTS;
    }

    /** Runs the figure once; {@code tune} may change the adapter's configuration (the smoke test lowers the cap). */
    static String measure(UnaryOperator<DwollaConfig.Builder> tune, int n, long sent, int extra) throws Exception {
        byte[] file = TestFiles.png(Fixture.FILE_BYTES);
        try (DwollaTestServer server = DwollaBench.startServer();
                DwollaDocumentProvider provider = DwollaDocumentProvider.create(
                        tune.apply(DwollaBench.Adapter.config(server.baseUrl()).toBuilder()).build(),
                        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            for (int i = 0; i < 2; i++) {
                provider.create(command(server, FileUpload.ofBytes("passport.png", TestFiles.png(Fixture.FILE_BYTES))))
                        .toCompletableFuture().get(60, TimeUnit.SECONDS);
            }
            var owners = new ArrayList<CustomerId>();
            for (int i = 0; i < n + extra; i++) {
                owners.add(new CustomerId(DwollaBench.newCustomer(server)));
            }
            Thread.sleep(500);
            long before = HeapPerUpload.usedHeapAfterGc();

            var held = new ArrayList<HoldingPublisher>();
            var calls = new ArrayList<CompletableFuture<?>>();
            for (int i = 0; i < n; i++) {
                var content = new HoldingPublisher(file, Fixture.CHUNK_BYTES, sent);
                held.add(content);
                calls.add(provider.create(DocumentSubmission.of(owners.get(i), DocumentType.PASSPORT,
                        new FileUpload("passport.png", content))).toCompletableFuture());
            }
            for (HoldingPublisher content : held) {
                content.delivered().get(60, TimeUnit.SECONDS);
            }
            Thread.sleep(1000);
            long during = HeapPerUpload.usedHeapAfterGc();
            long stillOpen = calls.stream().filter(c -> !c.isDone()).count();

            int refused = 0;
            var extraContent = new ArrayList<HoldingPublisher>();
            for (int i = 0; i < extra; i++) {
                var content = new HoldingPublisher(file, Fixture.CHUNK_BYTES, sent);
                extraContent.add(content);
                try {
                    provider.create(DocumentSubmission.of(owners.get(n + i), DocumentType.PASSPORT,
                            new FileUpload("passport.png", content))).toCompletableFuture().get(10, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (refusedByBulkhead(e.getCause())) {
                        refused++;
                    }
                } catch (java.util.concurrent.TimeoutException stillWaiting) {
                    // neither refused nor admitted: not counted as refused
                }
            }
            String line = ResultLine.format("dwolla-heap", Impl.DOCVERIFY, "uploads", n, "sentBytes", sent,
                    "baselineHeapBytes", before, "loadedHeapBytes", during, "perUploadBytes", (during - before) / n,
                    "stillOpen", stillOpen, "extra", extra, "refusedByBulkhead", refused);
            // The clients give up: every held upload must fail and give its bulkhead slot back.
            var all = new ArrayList<HoldingPublisher>(held);
            all.addAll(extraContent);
            for (HoldingPublisher content : all) {
                try {
                    content.fail(new CancellationException("benchmark done"));
                } catch (RuntimeException rethrown) {
                    // a subscriber may rethrow the error it was given; the upload is over either way
                }
            }
            for (CompletableFuture<?> c : calls) {
                try {
                    c.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException | CompletionException | CancellationException expected) {
                    // the abandoned uploads fail, as they should
                }
            }
            return line;
        }
    }

    private static DocumentSubmission command(DwollaTestServer server, FileUpload file) {
        return DocumentSubmission.of(new CustomerId(DwollaBench.newCustomer(server)), DocumentType.PASSPORT, file);
    }
}
