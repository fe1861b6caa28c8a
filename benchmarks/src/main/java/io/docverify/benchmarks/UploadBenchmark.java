package io.docverify.benchmarks;

import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentResponse;
import io.docverify.ports.contract.TestFiles;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;

/**
 * Figure 3: one 10 MiB {@code UploadDocument} after another (a valid PNG, 64 KiB chunks, flow-controlled
 * client), one stream at a time. Score: uploads per second; the runner multiplies by 10 MiB. Baseline: the same
 * bytes, streamed into the bare server, which discards them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class UploadBenchmark {
    @Param({"bare", "docverify"})
    public String impl;

    private final CpuMeter cpu = new CpuMeter();
    private Fixture fixture;
    private DocumentServiceGrpc.DocumentServiceStub stub;
    private List<UploadDocumentRequest> chunks;

    @Setup(Level.Trial)
    public void setUp() {
        fixture = Fixture.start(Impl.parse(impl));
        stub = fixture.client().async();
        chunks = Upload.chunks(TestFiles.png(Fixture.FILE_BYTES), Fixture.CHUNK_BYTES);
    }

    /** Owners for the next iteration, created outside the measured time and CPU (an upload takes ms). */
    @Setup(Level.Iteration)
    public void startIteration(IterationParams params) {
        fixture.prepareUploaders(300);
        cpu.iterationStart(params);
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        cpu.iterationEnd();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cpu.print("upload", Impl.parse(impl));
        fixture.close();
    }

    @Benchmark
    public UploadDocumentResponse upload() throws Exception {
        cpu.op();
        UploadDocumentResponse response = Upload.start(stub, fixture.nextUpload(), chunks).result()
                .get(60, TimeUnit.SECONDS);
        if (response.getDocument().getId().isEmpty()) {
            throw new IllegalStateException("no document in the answer");
        }
        return response;
    }
}
