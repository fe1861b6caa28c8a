package io.docverify.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.grpc.hostile.LeakMarker;
import io.docverify.grpc.v1.DocumentProto.Document;
import io.docverify.grpc.v1.DocumentProto.DocumentStatus;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.ListDocumentsRequest;
import io.docverify.grpc.v1.SandboxServiceGrpc;
import io.docverify.grpc.v1.SandboxServiceProto.CreateCustomerRequest;
import io.docverify.grpc.v1.SandboxServiceProto.CustomerStatus;
import io.docverify.grpc.v1.SandboxServiceProto.CustomerType;
import io.docverify.ports.contract.TestFiles;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckResponse;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The upload's memory bound, on the real jar: started with {@code -Xmx256m}, the service takes 32 concurrent
 * 10 MiB uploads (320 MiB in flight, more than the whole heap), each for its own owner so that the four-pending
 * rule plays no part, each on its own connection. Every upload succeeds or is refused with a documented status
 * (RESOURCE_EXHAUSTED); the process never throws OutOfMemoryError ({@code -XX:+ExitOnOutOfMemoryError} would end
 * it, and its output is scanned), and it still answers health checks ({@code SERVING}) and uploads afterwards.
 * The peak heap (sampled from the metrics endpoint, and after each GC from the GC log) and the peak resident
 * memory are printed.
 */
class SmallHeapUploadsIT {
    /** The API key of this service; the log scan looks for it. */
    static final String KEY = "small-heap-it-key-5Rj3q8Xw";
    private static final int UPLOADS = 32;
    /** The service's heap limit; {@code -Ddocverify.smallheap.xmx=48m} probes how much headroom there is. */
    private static final String HEAP = System.getProperty("docverify.smallheap.xmx", "256m");
    private static final int MIB = 1024 * 1024;
    private static final Pattern GC_AFTER = Pattern.compile("->(\\d+)M\\((\\d+)M\\)");
    private static final Pattern HEAP_USED = Pattern.compile(
            "^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} ([0-9.E+]+)", Pattern.MULTILINE);

    @Test
    void thirtyTwoConcurrentTenMiBUploadsFitA256MiBHeap() throws Exception {
        String gcLog = RunningJar.logDir().resolve("small-heap-gc.log").toString();
        Files.deleteIfExists(java.nio.file.Path.of(gcLog));
        Files.deleteIfExists(java.nio.file.Path.of(gcLog + ".0"));
        try (RunningJar service = RunningJar.start("small-heap",
                List.of("-Xmx" + HEAP, "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + gcLog),
                Map.of("DOCVERIFY_API_KEYS", KEY, "DOCVERIFY_METRICS_PORT", "0"))) {
            var sandboxStub = SandboxServiceGrpc.newBlockingStub(service.channel())
                    .withInterceptors(TestServer.bearer(KEY));
            var owners = new ArrayList<String>();
            for (int i = 0; i < UPLOADS; i++) {
                owners.add(sandboxStub.withDeadlineAfter(30, TimeUnit.SECONDS)
                        .createCustomer(CreateCustomerRequest.newBuilder()
                        .setType(CustomerType.CUSTOMER_TYPE_PERSONAL)
                        .setStatus(CustomerStatus.CUSTOMER_STATUS_DOCUMENT).build()).getCustomer().getId());
            }
            byte[] head = LeakMarker.mark(TestFiles.png(64));

            var heapPeak = new AtomicLong();
            var http = HttpClient.newHttpClient();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        heapPeak.accumulateAndGet(heapUsed(service.metrics(http)), Math::max);
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        // the service may be busy; the next sample counts
                    }
                }
            }, "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();

            var channels = new ArrayList<ManagedChannel>();
            var uploads = new ArrayList<PumpingUpload>();
            long started = System.nanoTime();
            for (String owner : owners) {
                ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", service.port(),
                        InsecureChannelCredentials.create()).build();
                channels.add(channel);
                uploads.add(PumpingUpload.start(DocumentServiceGrpc.newStub(channel)
                                .withInterceptors(TestServer.bearer(KEY)),
                        Calls.passportOf(owner), head, 10L * MIB, MIB, true, 180));
            }
            Map<String, Integer> outcomes = new TreeMap<>();
            var created = new ArrayList<Document>();
            for (PumpingUpload upload : uploads) {
                try {
                    Document d = upload.result.get(200, TimeUnit.SECONDS);
                    created.add(d);
                    outcomes.merge("OK", 1, Integer::sum);
                } catch (java.util.concurrent.ExecutionException e) {
                    io.grpc.Status status = io.grpc.Status.fromThrowable(e.getCause());
                    String label = status.getCode() == io.grpc.Status.Code.RESOURCE_EXHAUSTED
                            ? status.getCode().toString()
                            : status.getCode() + " (" + status.getDescription() + ")";
                    outcomes.merge(label, 1, Integer::sum);
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            sampler.interrupt();
            channels.forEach(ManagedChannel::shutdownNow);
            long rssPeakKib = service.procStatusKib("VmHWM").orElse(-1);
            long gcPeakAfterMib = gcPeakAfterMib(Files.readAllLines(java.nio.file.Path.of(gcLog)));
            System.out.printf("SmallHeapUploadsIT: %d x 10 MiB uploads in %.1f s (%.0f MiB/s) with -Xmx%s: %s;"
                            + " peak heap used (metrics, 100 ms samples) %d MiB; peak heap after GC %d MiB;"
                            + " peak RSS %d MiB%n", UPLOADS, seconds, UPLOADS * 10 / seconds, HEAP, outcomes,
                    heapPeak.get() / MIB, gcPeakAfterMib, rssPeakKib / 1024);

            assertThat(service.process().isAlive()).as("the service is alive:%n%s", tail(service.log())).isTrue();
            assertThat(service.log()).as("the service's log").doesNotContain("OutOfMemoryError");
            assertThat(service.stdout()).doesNotContain("OutOfMemoryError");
            assertThat(outcomes.keySet()).as("outcomes of the 32 uploads: %s", outcomes)
                    .isSubsetOf("OK", "RESOURCE_EXHAUSTED");
            assertThat(service.health()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);

            var documents = DocumentServiceGrpc.newBlockingStub(service.channel())
                    .withInterceptors(TestServer.bearer(KEY)).withDeadlineAfter(60, TimeUnit.SECONDS);
            for (Document d : created) {
                assertThat(d.getStatus()).isEqualTo(DocumentStatus.DOCUMENT_STATUS_PENDING);
                assertThat(documents.listDocuments(ListDocumentsRequest.newBuilder()
                        .setCustomerId(d.getCustomerId()).build()).getDocumentsList()).extracting(Document::getId)
                        .containsExactly(d.getId());
            }
            String after = sandboxStub.withDeadlineAfter(30, TimeUnit.SECONDS)
                    .createCustomer(CreateCustomerRequest.newBuilder()
                    .setStatus(CustomerStatus.CUSTOMER_STATUS_DOCUMENT).build()).getCustomer().getId();
            Document small = Calls.await(Calls.send(DocumentServiceGrpc.newStub(service.channel())
                    .withInterceptors(TestServer.bearer(KEY)), Calls.messages(Calls.passportOf(after),
                    LeakMarker.mark(TestFiles.png(4096)), 1024)));
            assertThat(small.getCustomerId()).isEqualTo(after);
        }
    }

    private static long heapUsed(String prometheus) {
        Matcher m = HEAP_USED.matcher(prometheus);
        long sum = 0;
        while (m.find()) {
            sum += (long) Double.parseDouble(m.group(1));
        }
        return sum;
    }

    /** The largest heap occupancy right after a GC ("GC(7) Pause Young ... 120M->31M(256M)"). */
    private static long gcPeakAfterMib(List<String> lines) {
        long peak = -1;
        for (String line : lines) {
            Matcher m = GC_AFTER.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(1)));
            }
        }
        return peak;
    }

    private static String tail(String log) {
        return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
    }
}
