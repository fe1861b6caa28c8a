package io.docverify.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@link RunAll}'s measuring JVMs: a JMH fork or a child process per measurement, with the same JVM options on both
 * sides, its output in a log under {@code out}, and a flight recording when profiling.
 */
final class ChildJvms {
    private final Path out;
    private final boolean profile;

    ChildJvms(Path out, boolean profile) {
        this.out = out;
        this.profile = profile;
    }

    /** A JMH score and the CPU an operation cost (whole JVM, measurement iterations). */
    record JmhOutcome(double score, double cpuMicrosPerOp) {
    }

    JmhOutcome jmh(Class<?> benchmark, Impl impl, int round, int threads, int warmups, int warmupSeconds,
            int iterations, int iterationSeconds) throws IOException, InterruptedException {
        String name = benchmark.getSimpleName() + "-" + impl.key() + "-r" + round;
        List<String> forkArgs = new ArrayList<>(RunAll.JVM_ARGS);
        if (profile) {
            forkArgs.add(jfr(benchmark.getSimpleName(), impl, round));
        }
        Path csv = out.resolve("jmh-" + name + ".csv");
        Files.deleteIfExists(csv);
        // JMH's own launcher in a child JVM, so that the fork's output (the service's logs) goes to the log file.
        List<String> command = new ArrayList<>(List.of(javaCommand(), "-Duser.language=en", "-Duser.country=US",
                "-cp", System.getProperty("java.class.path"), "org.openjdk.jmh.Main",
                "^" + Pattern.quote(benchmark.getName()) + "\\.",
                "-p", "impl=" + impl.key(), "-f", "1", "-t", Integer.toString(threads),
                "-wi", Integer.toString(warmups), "-w", warmupSeconds + "s",
                "-i", Integer.toString(iterations), "-r", iterationSeconds + "s",
                "-foe", "true", "-jvmArgs", String.join(" ", forkArgs), "-rf", "csv", "-rff", csv.toString()));
        Path log = out.resolve("jmh-" + name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not finish; see " + log);
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(csv)) {
            throw new IllegalStateException(name + " failed (exit " + process.exitValue() + "); see " + log);
        }
        JmhCsv.Score score = JmhCsv.parse(Files.readString(csv, StandardCharsets.UTF_8));
        double cpu = ResultLine.parse(Files.readString(log, StandardCharsets.UTF_8))
                .map(r -> Double.parseDouble(r.get("cpuUsPerOp"))).orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "  %s: %.2f ± %.2f %s, %.1f us CPU/op%n", name, score.score(), score.error(),
                score.unit(), cpu);
        return new JmhOutcome(score.score(), cpu);
    }

    Map<String, String> child(String figure, Impl impl, int round, Class<?> main, String... args)
            throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(impl.key()));
        all.addAll(List.of(args));
        return child(figure + "-" + impl.key() + "-r" + round, main, all);
    }

    /** Runs {@code main} in a fresh JVM (the measuring JVM options), output to a log; returns its RESULT line. */
    Map<String, String> child(String name, Class<?> main, List<String> args)
            throws IOException, InterruptedException {
        return child(name, main, args, RunAll.JVM_ARGS);
    }

    /** {@link #child(String, Class, List)} with other JVM options (a figure that needs a larger heap). */
    Map<String, String> child(String name, Class<?> main, List<String> args, List<String> jvmArgs)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaCommand()));
        command.addAll(jvmArgs);
        if (profile) {
            command.add(jfr(name));
        }
        // Where a latency figure's child saves its histograms (LatencyPlots), one directory per child run.
        command.add("-D" + LatencyPlots.PROPERTY + "=" + histograms().resolve(name).toAbsolutePath());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        Path log = out.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not finish; see " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        var result = ResultLine.parse(output).orElseThrow(() -> new IllegalStateException(
                name + " printed no result (exit " + process.exitValue() + "); see " + log));
        System.out.println("  " + name + ": " + result);
        return result;
    }

    /** The histograms of this run's latency figures (LatencyPlots), one directory per child run. */
    Path histograms() {
        return out.resolve("histograms");
    }

    String jfr(String name, Impl impl, int round) {
        return jfr(name + "-" + impl.key() + "-r" + round);
    }

    String jfr(String name) {
        return "-XX:StartFlightRecording=settings=profile,filename="
                + out.resolve(name + ".jfr").toAbsolutePath();
    }

    static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
