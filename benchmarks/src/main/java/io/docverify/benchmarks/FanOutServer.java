package io.docverify.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The server JVM of the fan-out figure ({@link FanOut}): docverify as {@link DocverifyBenchServer} runs it (in-memory
 * backend), with the environment given as {@code NAME=VALUE} arguments on top of the benchmark defaults. Prints
 * {@code port=N}, then answers each {@code measure} line on stdin with {@code heap=BYTES threads=N} (used heap after
 * full GCs, live threads of this JVM) and stops at end of input.
 *
 * <p>{@code java -cp benchmarks.jar io.docverify.benchmarks.FanOutServer [NAME=VALUE ...]}
 */
public final class FanOutServer {
    private FanOutServer() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = DocverifyBenchServer.environment();
        for (String a : args) {
            int eq = a.indexOf('=');
            env.put(a.substring(0, eq), a.substring(eq + 1));
        }
        try (DocverifyBenchServer server = DocverifyBenchServer.start(env)) {
            System.out.println("port=" + server.port());
            System.out.flush();
            var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("measure")) {
                    long heap = HeapPerUpload.usedHeapAfterGc();
                    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
                    System.out.println("heap=" + heap + " threads=" + threads);
                    System.out.flush();
                }
            }
        }
        System.exit(0);
    }
}
