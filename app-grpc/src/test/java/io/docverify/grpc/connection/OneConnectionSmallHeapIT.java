package io.docverify.grpc.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.grpc.Calls;
import io.docverify.grpc.PumpingUpload;
import io.docverify.grpc.RunningJar;
import io.docverify.grpc.TestServer;
import io.docverify.grpc.hostile.LeakMarker;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.SandboxServiceGrpc;
import io.docverify.grpc.v1.SandboxServiceProto.CreateCustomerRequest;
import io.docverify.grpc.v1.SandboxServiceProto.CustomerStatus;
import io.docverify.grpc.v1.SandboxServiceProto.CustomerType;
import io.docverify.ports.contract.TestFiles;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What one connection can hold, on the real jar at {@code -Xmx128m}: 64 concurrent 10 MiB uploads (the default
 * number of upload slots) multiplexed on ONE HTTP/2 connection, each written at once as grpc-js writes (HTTP/2
 * flow control paces them). Before the connection layer was bounded, the server ran out of direct memory
 * (which defaults to the heap size) and ended the connection: all 64 lost, nothing logged. Every upload succeeds or is refused with
 * RESOURCE_EXHAUSTED (retryable); none is lost to a dead connection; the process stays alive and SERVING, and
 * never runs out of heap or direct memory.
 */
class OneConnectionSmallHeapIT {
    static final String KEY = "one-connection-it-key-8Vb2";
    private static final int UPLOADS = 64;
    private static final int MIB = 1024 * 1024;

    @Test
    void sixtyFourTenMiBUploadsOnOneConnectionFitA128MiBHeap() throws Exception {
        try (RunningJar service = RunningJar.start("one-connection-small-heap",
                List.of("-Xmx128m", "-XX:+ExitOnOutOfMemoryError"),
                Map.of("DOCVERIFY_API_KEYS", KEY))) {
            var sandbox = SandboxServiceGrpc.newBlockingStub(service.channel())
                    .withInterceptors(TestServer.bearer(KEY));
            var owners = new ArrayList<String>();
            for (int i = 0; i < UPLOADS; i++) {
                owners.add(sandbox.withDeadlineAfter(30, TimeUnit.SECONDS).createCustomer(CreateCustomerRequest
                        .newBuilder().setType(CustomerType.CUSTOMER_TYPE_PERSONAL)
                        .setStatus(CustomerStatus.CUSTOMER_STATUS_DOCUMENT).build()).getCustomer().getId());
            }
            byte[] head = LeakMarker.mark(TestFiles.png(64));
            var stub = DocumentServiceGrpc.newStub(service.channel()).withInterceptors(TestServer.bearer(KEY));
            long started = System.nanoTime();
            var uploads = new ArrayList<PumpingUpload>();
            for (String owner : owners) {
                uploads.add(PumpingUpload.eager(stub, Calls.passportOf(owner), head, 10L * MIB, MIB, 240));
            }
            Map<String, Integer> outcomes = new TreeMap<>();
            for (PumpingUpload upload : uploads) {
                try {
                    upload.result.get(300, TimeUnit.SECONDS);
                    outcomes.merge("OK", 1, Integer::sum);
                } catch (ExecutionException e) {
                    Status status = Status.fromThrowable(e.getCause());
                    outcomes.merge(status.getCode() == Status.Code.RESOURCE_EXHAUSTED ? "RESOURCE_EXHAUSTED"
                            : status.getCode() + " (" + status.getDescription() + ")", 1, Integer::sum);
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("OneConnectionSmallHeapIT: %d x 10 MiB on one connection in %.1f s with -Xmx128m:"
                    + " %s; peak RSS %d MiB%n", UPLOADS, seconds, outcomes,
                    service.procStatusKib("VmHWM").orElse(-1) / 1024);

            assertThat(service.process().isAlive()).as("the service is alive:%n%s", service.log()).isTrue();
            assertThat(service.log()).doesNotContain("OutOfMemoryError").doesNotContain("connection.failed");
            assertThat(service.stdout()).doesNotContain("OutOfMemoryError");
            assertThat(outcomes.keySet()).as("outcomes of the 64 uploads: %s", outcomes)
                    .isSubsetOf("OK", "RESOURCE_EXHAUSTED");
            assertThat(outcomes.getOrDefault("OK", 0)).as("outcomes: %s", outcomes).isPositive();
            assertThat(service.health()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        }
    }
}
