package io.docverify.benchmarks;

import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentResponse;
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
 * Figure 1: unary {@code GetDocument} throughput over 127.0.0.1, closed loop: each JMH thread makes one blocking
 * call after another on one shared channel (the thread count is set by the runner, 4 by default). Run once with
 * {@code impl=bare} and once with {@code impl=docverify}; the runner divides the two.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GetDocumentBenchmark {
    @Param({"bare", "docverify"})
    public String impl;

    private final CpuMeter cpu = new CpuMeter();
    private Fixture fixture;
    private DocumentServiceGrpc.DocumentServiceBlockingStub stub;

    @Setup(Level.Trial)
    public void setUp() {
        fixture = Fixture.start(Impl.parse(impl));
        stub = fixture.client().blocking();
        GetDocumentResponse first = stub.getDocument(fixture.getRequest());
        if (!first.equals(fixture.expected())) {
            throw new IllegalStateException("the server answered another document");
        }
    }

    @Setup(Level.Iteration)
    public void startIteration(IterationParams params) {
        cpu.iterationStart(params);
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        cpu.iterationEnd();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cpu.print("get", Impl.parse(impl));
        fixture.close();
    }

    @Benchmark
    public GetDocumentResponse getDocument() {
        cpu.op();
        return stub.getDocument(fixture.getRequest());
    }
}
