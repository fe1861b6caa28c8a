package io.docverify.benchmarks;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Figure 5: starts a server process and times it from just before the process is created to the first
 * {@code grpc.health.v1.Health/Check} answer {@code SERVING} for {@code docverify.v1.DocumentService}; then, after
 * an idle pause, reads its resident set size ({@code VmRSS} in {@code /proc/<pid>/status}) and stops it with
 * SIGTERM. The probe first waits for the port to accept TCP connections (every 2 ms), then asks health with
 * wait-for-ready, so that gRPC's reconnect back-off never adds to the time.
 */
public final class ColdStart {
    private ColdStart() {
    }

    /** One start: milliseconds to SERVING and idle RSS in bytes (empty when /proc is not there). */
    public record Sample(double millisToServing, OptionalLong idleRssBytes, OptionalLong cpuMillisToServing,
            OptionalLong mainThreadCpuMillisToServing) {
    }

    /** A free TCP port on 127.0.0.1 (free when this returns; the server binds it a moment later). */
    public static int freePort() {
        try (var socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code command} with {@code environment} added; it must serve gRPC health on {@code port}. */
    public static Sample measure(List<String> command, Map<String, String> environment, int port, Duration idle,
            Path log) throws IOException, InterruptedException {
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        long t0 = System.nanoTime();
        Process process = builder.start();
        try {
            awaitPort(process, port, t0 + TimeUnit.SECONDS.toNanos(30));
            awaitServing(port);
            double millis = (System.nanoTime() - t0) / 1e6;
            OptionalLong cpu = cpuMillis(process.pid());
            OptionalLong mainCpu = mainThreadCpuMillis(process.pid());
            Thread.sleep(idle.toMillis());
            return new Sample(millis, rssBytes(process.pid()), cpu, mainCpu);
        } finally {
            process.destroy(); // SIGTERM: the graceful shutdown
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static void awaitPort(Process process, int port, long deadline) throws InterruptedException {
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with status " + process.exitValue()
                        + " before listening");
            }
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
                return;
            } catch (IOException notYet) {
                Thread.sleep(2);
            }
        }
        throw new IllegalStateException("the server did not listen on " + port + " within 30 s");
    }

    private static void awaitServing(int port) throws InterruptedException {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port,
                InsecureChannelCredentials.create()).build();
        try {
            var health = HealthGrpc.newBlockingStub(channel).withWaitForReady();
            var request = HealthCheckRequest.newBuilder().setService("docverify.v1.DocumentService").build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                try {
                    if (health.withDeadlineAfter(10, TimeUnit.SECONDS).check(request).getStatus()
                            == HealthCheckResponse.ServingStatus.SERVING) {
                        return;
                    }
                } catch (StatusRuntimeException notYet) {
                    // NOT_FOUND until the service's status is set
                }
                Thread.sleep(1);
            }
            throw new IllegalStateException("health did not turn SERVING within 30 s");
        } finally {
            channel.shutdownNow();
        }
    }

    /**
     * CPU time a process has used (user + system, all threads), in milliseconds: what a start costs whatever the
     * other tenants of the machine do, unlike its wall-clock time.
     */
    public static OptionalLong cpuMillis(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.isReadable(stat)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(parseCpuTicks(Files.readString(stat)) * 1000 / CLOCK_TICKS_PER_SECOND);
    }

    /**
     * CPU time of a JVM's main thread (with the launcher's primordial thread, which only waits for it), in
     * milliseconds: the threads that keep the process's own name ({@code java}), whereas HotSpot names its JIT, GC
     * and VM threads and Java names every thread it starts. The main thread does the start step by step while the
     * JIT and GC threads run beside it, so on an idle machine a start cannot take less wall-clock time than this.
     */
    public static OptionalLong mainThreadCpuMillis(long pid) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        if (!Files.isDirectory(proc.resolve("task"))) {
            return OptionalLong.empty();
        }
        String processName = comm(Files.readString(proc.resolve("stat")));
        long ticks = 0;
        try (var stream = Files.list(proc.resolve("task"))) {
            for (Path task : (Iterable<Path>) stream::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended meanwhile
                }
                if (comm(stat).equals(processName)) {
                    ticks += parseCpuTicks(stat);
                }
            }
        }
        return OptionalLong.of(ticks * 1000 / CLOCK_TICKS_PER_SECOND);
    }

    private static String comm(String procStat) {
        return procStat.substring(procStat.indexOf('(') + 1, procStat.lastIndexOf(')'));
    }

    /** Linux's USER_HZ, the unit of {@code /proc/<pid>/stat} times (100 on every mainstream architecture). */
    static final long CLOCK_TICKS_PER_SECOND = 100;

    /** utime + stime (fields 14 and 15) of a {@code /proc/<pid>/stat} line, in clock ticks. */
    public static long parseCpuTicks(String procStat) {
        // The command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'.
        String[] rest = procStat.substring(procStat.lastIndexOf(')') + 2).trim().split("\\s+");
        // rest[0] is field 3 (state), so field n is rest[n - 3].
        return Long.parseLong(rest[14 - 3]) + Long.parseLong(rest[15 - 3]);
    }

    /** {@code VmRSS} of a process, in bytes. */
    public static OptionalLong rssBytes(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.isReadable(status)) {
            return OptionalLong.empty();
        }
        return parseVmRss(Files.readString(status));
    }

    /** The {@code VmRSS:  123456 kB} line of a {@code /proc/<pid>/status} text, in bytes. */
    public static OptionalLong parseVmRss(String procStatus) {
        for (String line : procStatus.split("\\R")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                if (parts.length < 2 || !parts[1].equalsIgnoreCase("kB")) {
                    throw new IllegalArgumentException("unexpected VmRSS unit: " + line);
                }
                return OptionalLong.of(value * 1024);
            }
        }
        return OptionalLong.empty();
    }
}
