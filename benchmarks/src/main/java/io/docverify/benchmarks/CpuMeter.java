package io.docverify.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * CPU time of the whole JVM (server and client together) per benchmark operation, over the measurement
 * iterations only. On a shared machine the throughput of a run moves with the other tenants' load, but the CPU
 * an operation costs barely does, so this is the steadier evidence of what a figure costs. The fork prints it as
 * a {@link ResultLine} at the end of the trial.
 */
public final class CpuMeter {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final LongAdder ops = new LongAdder();
    private long cpuNanos;
    private long measuredOps;
    private long iterationStartCpu;
    private boolean measuring;

    /** Counts one operation (cheap: a LongAdder). */
    public void op() {
        ops.increment();
    }

    public void iterationStart(IterationParams params) {
        measuring = params.getType() == IterationType.MEASUREMENT;
        ops.reset();
        iterationStartCpu = os.getProcessCpuTime();
    }

    public void iterationEnd() {
        long cpu = os.getProcessCpuTime() - iterationStartCpu;
        if (measuring) {
            cpuNanos += cpu;
            measuredOps += ops.sum();
        }
    }

    /** Microseconds of CPU per operation over the measurement iterations. */
    public double cpuMicrosPerOp() {
        return measuredOps == 0 ? Double.NaN : cpuNanos / 1000.0 / measuredOps;
    }

    /** Prints the result line the runner reads from the fork's output. */
    public void print(String figure, Impl impl) {
        System.out.println(ResultLine.format(figure, impl, "cpuUsPerOp", cpuMicrosPerOp(), "ops", measuredOps));
    }
}
