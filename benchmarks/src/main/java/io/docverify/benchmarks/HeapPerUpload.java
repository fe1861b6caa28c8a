package io.docverify.benchmarks;

import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentRequest;
import io.docverify.ports.contract.TestFiles;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Figure 4: heap retained per in-flight upload. In one JVM (server and client): warm up with two complete
 * 10 MiB uploads, measure the used heap after full GCs (the baseline), open {@code N} uploads and send
 * {@code SENT} bytes of each without completing them, wait for the transfer to settle, measure again; the
 * difference divided by {@code N} is the heap one in-flight upload holds (server and client side together; the
 * shared source file is allocated before the baseline). The uploads are checked to be still open, then
 * cancelled.
 *
 * <p>{@code java -cp benchmarks.jar io.docverify.benchmarks.HeapPerUpload IMPL N SENT_BYTES}
 */
public final class HeapPerUpload {
    private HeapPerUpload() {
    }

    /** Used heap after {@code System.gc()} until it stops falling (at most 5 times); the lowest reading. */
    public static long usedHeapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            long used = memory.getHeapMemoryUsage().getUsed();
            if (used >= lowest && i >= 2) {
                break;
            }
            lowest = Math.min(lowest, used);
        }
        return lowest;
    }

    public static void main(String[] args) throws Exception {
        Impl impl = Impl.parse(args[0]);
        int n = Integer.parseInt(args[1]);
        long sentBytes = Long.parseLong(args[2]);
        List<UploadDocumentRequest> chunks = Upload.chunks(TestFiles.png(Fixture.FILE_BYTES), Fixture.CHUNK_BYTES);
        try (Fixture fixture = Fixture.start(impl)) {
            var stub = fixture.client().async();
            fixture.prepareUploaders(n + 2);
            for (int i = 0; i < 2; i++) {
                Upload.start(stub, fixture.nextUpload(), chunks).result().get(60, TimeUnit.SECONDS);
            }
            Thread.sleep(500);
            long before = usedHeapAfterGc();

            var open = new ArrayList<Upload>();
            for (int i = 0; i < n; i++) {
                open.add(Upload.start(stub, fixture.nextUpload(), chunks, sentBytes));
            }
            for (Upload u : open) {
                u.sent().get(120, TimeUnit.SECONDS);
            }
            Thread.sleep(1000);
            long during = usedHeapAfterGc();
            long stillOpen = open.stream().filter(u -> !u.result().isDone()).count();
            long perUpload = (during - before) / n;
            open.forEach(Upload::cancel);
            System.out.println(ResultLine.format("heap", impl, "uploads", n, "sentBytes", sentBytes,
                    "baselineHeapBytes", before, "loadedHeapBytes", during, "perUploadBytes", perUpload,
                    "stillOpen", stillOpen));
        }
        System.exit(0);
    }
}
