package io.docverify.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What the numbers were measured on: cores, CPU model, memory, JVM, load at the start. */
public final class Machine {
    private Machine() {
    }

    public static String describe() {
        return "processors (nproc): " + Runtime.getRuntime().availableProcessors() + "\n"
                + "cpu: " + procLine("/proc/cpuinfo", "model name").orElse("unknown") + "\n"
                + "memory: " + procLine("/proc/meminfo", "MemTotal").orElse("unknown") + "\n"
                + "java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")\n"
                + "os: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + "\n"
                + "load average at start: " + read("/proc/loadavg").map(String::trim).orElse("unknown") + "\n"
                + "measuring JVMs: " + String.join(" ", RunAll.JVM_ARGS) + " (default GC)";
    }

    private static Optional<String> procLine(String file, String key) {
        return read(file).flatMap(text -> text.lines().filter(l -> l.startsWith(key)).findFirst())
                .map(l -> l.substring(l.indexOf(':') + 1).trim());
    }

    private static Optional<String> read(String file) {
        try {
            return Optional.of(Files.readString(Path.of(file)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
