package io.docverify.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs every figure, baseline and docverify alternately (the order flips every round), for a few rounds, and
 * prints the table: median of each side, the median ratio and its spread over the rounds, the target. Each
 * measurement runs in a fresh JVM (a JMH fork or a child process). Results and logs go to {@code --out}, with a
 * percentile plot of each latency figure ({@link LatencyPlots}).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar [--rounds N]
 *     [--only get,latency,upload,heap,coldstart,dwolla,attack,webhook,fanout,sandbox-scale,postgres]
 *      [--out DIR] [--jar app-grpc/target/docverify-grpc.jar] [--threads N] [--profile] [--quick] [--jmh]
 * </pre>
 */
public final class RunAll {
    static final List<String> ALL = List.of("get", "latency", "upload", "heap", "coldstart", "dwolla", "attack",
            "webhook", "fanout", "sandbox-scale", "postgres");
    private static final long MIB = 1024 * 1024;
    /** The file of the Dwolla create figure: 64 KiB, the size of a compressed ID scan. */
    static final int DWOLLA_FILE_BYTES = 64 * 1024;
    /** JVM options of every measuring JVM (JMH forks and children), the same for both sides. */
    static final List<String> JVM_ARGS = List.of("-Xms1g", "-Xmx1g");

    private final Options options;
    private final ChildJvms jvms;
    private final Map<String, Figure> figures = new LinkedHashMap<>();
    private final Map<String, List<double[]>> samples = new LinkedHashMap<>();
    private final List<String> details = new ArrayList<>();

    /** The command line. */
    record Options(int rounds, Set<String> only, Path out, Path appJar, boolean profile, boolean quick,
            int getThreads, boolean jmh) {
        static Options parse(String[] args) {
            int rounds = 3;
            Set<String> only = new LinkedHashSet<>(ALL);
            Path out = Path.of("benchmarks", "target", "results");
            Path jar = Path.of("app-grpc", "target", "docverify-grpc.jar");
            boolean profile = false;
            boolean quick = false;
            boolean jmh = false;
            int threads = 4;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                    case "--only" -> only = new LinkedHashSet<>(List.of(args[++i].split(",")));
                    case "--out" -> out = Path.of(args[++i]);
                    case "--jar" -> jar = Path.of(args[++i]);
                    case "--threads" -> threads = Integer.parseInt(args[++i]);
                    case "--profile" -> profile = true;
                    case "--quick" -> quick = true;
                    case "--jmh" -> jmh = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (--rounds N, --only " + String.join(",", ALL) + ", --out DIR, --jar PATH, "
                            + "--threads N, --profile, --quick, --jmh)");
                }
            }
            for (String name : only) {
                if (!ALL.contains(name)) {
                    throw new IllegalArgumentException("unknown figure " + name + "; known: " + ALL);
                }
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("--rounds must be at least 1");
            }
            return new Options(rounds, only, out, jar, profile, quick, threads, jmh);
        }
    }

    RunAll(Options options) {
        this.options = options;
        this.jvms = new ChildJvms(options.out(), options.profile());
        figures.put("get", new Figure("get", "GetDocument unary throughput, " + options.getThreads()
                + " closed-loop client threads, interleaved 1 s slices", "calls/s", 1, ">= 0.85x", r -> r >= 0.85,
                null));
        figures.put("get-cpu", new Figure("get-cpu", "CPU per GetDocument call (server and client JVM; "
                + "evidence, no target)", "us", 1, "-", null, null));
        figures.put("get-jmh", new Figure("get-jmh", "GetDocument unary throughput, JMH, one fork per side "
                + "(--jmh; cross-check)", "calls/s", 1, ">= 0.85x", r -> r >= 0.85, null));
        figures.put("latency", new Figure("latency", "GetDocument p99 latency, open loop at half the baseline's "
                + "max rate, interleaved 1 s slices", "ms", 1000, "<= 1.3x", r -> r <= 1.3, null));
        figures.put("upload", new Figure("upload", "10 MiB UploadDocument throughput, one stream, 64 KiB chunks, "
                + "interleaved 2 s slices", "MiB/s", 1, ">= 0.80x", r -> r >= 0.80, null));
        figures.put("upload-cpu", new Figure("upload-cpu", "CPU per 10 MiB upload (server and client JVM; "
                + "evidence, no target)", "ms", 1, "-", null, null));
        figures.put("upload-jmh", new Figure("upload-jmh", "10 MiB UploadDocument throughput, JMH, one fork per "
                + "side (--jmh; cross-check)", "MiB/s", 1, ">= 0.80x", r -> r >= 0.80, null));
        figures.put("heap", new Figure("heap", "heap retained per in-flight upload (vs bytes sent)", "MiB", MIB,
                "<= 1 MiB", null, v -> v <= MIB));
        figures.put("dwolla-get-thr", new Figure("dwolla-get-thr", "Dwolla adapter get throughput, 4 threads "
                + "(baseline: raw Vert.x Web Client, same server)", "calls/s", 1, ">= 0.90x", r -> r >= 0.90, null));
        figures.put("dwolla-get-p50", new Figure("dwolla-get-p50", "Dwolla adapter get p50 latency, 1 thread",
                "us", 1, "<= 1.10x", r -> r <= 1.10, null));
        figures.put("dwolla-create-thr", new Figure("dwolla-create-thr", "Dwolla adapter create throughput (64 KiB "
                + "PNG: multipart POST + GET of its Location), 4 threads", "calls/s", 1, ">= 0.90x", r -> r >= 0.90,
                null));
        figures.put("dwolla-create-p50", new Figure("dwolla-create-p50", "Dwolla adapter create p50 latency, "
                + "1 thread", "us", 1, "<= 1.10x", r -> r <= 1.10, null));
        figures.put("dwolla-heap", new Figure("dwolla-heap", "heap retained per in-flight upload, Dwolla backend "
                + "(vs bytes sent)", "MiB", MIB, "<= 1.2x", r -> r <= 1.2, null));
        figures.put("dwolla-bulkhead", new Figure("dwolla-bulkhead", "uploads beyond the bulkhead (16 held) "
                + "refused at once (refused / attempted)", "", 1, "= 1", r -> r == 1.0, null));
        figures.put("attack-ok", new Figure("attack-ok", "share of legitimate uploads (256 KiB, 10/s) that succeed "
                + "while 64 attackers hold slow uploads and reopen them (baseline: same run, no attackers)", "%",
                0.01, ">= 99 %", null, v -> v >= 0.99));
        figures.put("attack-p99", new Figure("attack-p99", "p99 latency of those legitimate uploads, from their due "
                + "time (evidence, no target)", "ms", 1000, "-", null, null));
        figures.put("fanout-p99", new Figure("fanout-p99", "WatchDocument: one review to its watcher, p99, with "
                + FANOUT_MAX + " other streams open (baseline: same run, none open)", "ms", 1000, "<= 2x",
                r -> r <= 2, null));
        figures.put("fanout-p50", new Figure("fanout-p50", "the same, p50 (evidence, no target)", "ms", 1000, "-",
                null, null));
        figures.put("fanout-heap", new Figure("fanout-heap", "server heap per open WatchDocument stream, "
                + FANOUT_MAX + " open (baseline: per stream at " + FANOUT_MID + " open)", "KiB", 1024, "-", null,
                null));
        figures.put("fanout-threads", new Figure("fanout-threads", "server live threads with " + FANOUT_MAX
                + " open streams (baseline: none open)", "", 1, "<= 1.1x", r -> r <= 1.1, null));
        figures.put("coldstart", new Figure("coldstart", "cold start of the jar to health SERVING "
                + "(baseline: bare grpc-java server process)", "ms", 1, "<= 1500 ms", null, v -> v <= 1500));
        figures.put("rss", new Figure("rss", "idle RSS after start (baseline: bare grpc-java server process)",
                "MiB", MIB, "<= 200 MiB", null, v -> v <= 200 * MIB));
        figures.put("coldstart-cpu", new Figure("coldstart-cpu", "CPU time used until SERVING, all threads "
                + "(evidence, no target)", "ms", 1, "-", null, null));
        figures.put("coldstart-main", new Figure("coldstart-main", "CPU time of the main thread until SERVING "
                + "(evidence: the least a start can take on an idle machine)", "ms", 1, "-", null, null));
        WebhookFigure.figures().forEach(f -> figures.put(f.key(), f));
        SandboxScaleFigure.figures().forEach(f -> figures.put(f.key(), f));
        PostgresFigure.figures().forEach(f -> figures.put(f.key(), f));
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Files.createDirectories(options.out());
        new RunAll(options).run();
        System.exit(0);
    }

    void run() throws Exception {
        String machine = Machine.describe();
        System.out.println(machine);
        Instant started = Instant.now();
        LatencyPlots.clear(jvms.histograms());
        for (int round = 1; round <= options.rounds(); round++) {
            // Alternate which side goes first, so a drift in the machine's load does not favour one side.
            List<Impl> order = round % 2 == 1 ? List.of(Impl.BARE, Impl.DOCVERIFY) : List.of(Impl.DOCVERIFY, Impl.BARE);
            System.out.printf(Locale.ROOT, "%n== round %d of %d (%s first) ==%n", round, options.rounds(),
                    order.get(0).key());
            double bareGet = Double.NaN;
            if (options.only().contains("get") || options.only().contains("latency")) {
                // Both servers in one JVM, the same client threads alternating between them in 1 s slices.
                Map<String, String> get = jvms.child("get-interleaved-r" + round, Interleaved.class, List.of("get",
                        Integer.toString(options.getThreads()), "1000", options.quick() ? "3" : "20",
                        options.quick() ? "4" : "16", order.get(0).key()));
                bareGet = num(get, "barePerSecond");
                if (options.only().contains("get")) {
                    record("get", round, bareGet, num(get, "docverifyPerSecond"), String.format(Locale.ROOT,
                            "%s / %s calls in %s / %s s", get.get("bareCalls"), get.get("docverifyCalls"),
                            get.get("bareSeconds"), get.get("docverifySeconds")));
                    record("get-cpu", round, num(get, "bareCpuUsPerCall"), num(get, "docverifyCpuUsPerCall"), "");
                }
            }
            if (options.jmh() && options.only().contains("get")) {
                Map<Impl, ChildJvms.JmhOutcome> get = new LinkedHashMap<>();
                for (Impl impl : order) {
                    get.put(impl, jvms.jmh(GetDocumentBenchmark.class, impl, round, options.getThreads(),
                            options.quick() ? 1 : 6, options.quick() ? 1 : 3, options.quick() ? 2 : 5,
                            options.quick() ? 1 : 2));
                }
                record("get-jmh", round, get.get(Impl.BARE).score(), get.get(Impl.DOCVERIFY).score(), "");
            }
            if (options.only().contains("latency")) {
                // One open loop over both servers in one JVM, the target switching every second (A B B A ...),
                // so that the machine's stalls land on both sides alike.
                double rate = Math.max(100, Math.floor(bareGet / 2));
                Map<String, String> lat = jvms.child("latency-interleaved-r" + round, OpenLoop.class, List.of(
                        "interleaved", Long.toString((long) rate), options.quick() ? "2" : "12", "1000",
                        options.quick() ? "1" : "4", options.quick() ? "4" : "24", order.get(0).key()));
                record("latency", round, num(lat, "bareP99us"), num(lat, "docverifyP99us"), String.format(
                        Locale.ROOT, "rate %.0f/s; p50 %s / %s us; p99.9 %s / %s us; %s / %s calls; errors %s",
                        rate, lat.get("bareP50us"), lat.get("docverifyP50us"), lat.get("bareP999us"),
                        lat.get("docverifyP999us"), lat.get("bareCount"), lat.get("docverifyCount"),
                        lat.get("errors")));
            }
            if (options.only().contains("upload")) {
                Map<String, String> up = jvms.child("upload-interleaved-r" + round, Interleaved.class, List.of("upload",
                        "1", options.quick() ? "1000" : "2000", options.quick() ? "2" : "12",
                        options.quick() ? "2" : "14", order.get(0).key()));
                double mib = (double) Fixture.FILE_BYTES / MIB;
                record("upload", round, num(up, "barePerSecond") * mib, num(up, "docverifyPerSecond") * mib,
                        String.format(Locale.ROOT, "%s / %s uploads in %s / %s s", up.get("bareCalls"),
                                up.get("docverifyCalls"), up.get("bareSeconds"), up.get("docverifySeconds")));
                record("upload-cpu", round, num(up, "bareCpuUsPerCall") / 1000,
                        num(up, "docverifyCpuUsPerCall") / 1000, "");
            }
            if (options.jmh() && options.only().contains("upload")) {
                Map<Impl, ChildJvms.JmhOutcome> up = new LinkedHashMap<>();
                for (Impl impl : order) {
                    up.put(impl, jvms.jmh(UploadBenchmark.class, impl, round, 1, options.quick() ? 1 : 6,
                            options.quick() ? 1 : 3, options.quick() ? 1 : 4, options.quick() ? 2 : 3));
                }
                double mib = (double) Fixture.FILE_BYTES / MIB;
                record("upload-jmh", round, up.get(Impl.BARE).score() * mib, up.get(Impl.DOCVERIFY).score() * mib,
                        "");
            }
            if (options.only().contains("heap")) {
                int n = options.quick() ? 4 : 16;
                long sent = 9 * MIB;
                Map<Impl, Map<String, String>> heap = new LinkedHashMap<>();
                for (Impl impl : order) {
                    heap.put(impl, jvms.child("heap", impl, round, HeapPerUpload.class, Integer.toString(n),
                            Long.toString(sent)));
                }
                Map<String, String> ours = heap.get(Impl.DOCVERIFY);
                if (!ours.get("stillOpen").equals(Integer.toString(n))) {
                    throw new IllegalStateException("only " + ours.get("stillOpen") + " of " + n
                            + " uploads were still open when the heap was measured");
                }
                record("heap", round, sent, num(ours, "perUploadBytes"), String.format(Locale.ROOT,
                        "%d uploads x %d MiB sent; heap %s -> %s bytes; bare server for reference: %s bytes/upload",
                        n, sent / MIB, ours.get("baselineHeapBytes"), ours.get("loadedHeapBytes"),
                        heap.get(Impl.BARE).get("perUploadBytes")));
            }
            if (options.only().contains("coldstart")) {
                coldStart(order, round);
            }
            if (options.only().contains("attack")) {
                attack(order, round);
            }
            if (options.only().contains("dwolla")) {
                dwolla(order, round);
            }
            if (options.only().contains("webhook")) {
                WebhookFigure.run(jvms, options.quick(), order, round, this::record);
            }
            if (options.only().contains("fanout")) {
                fanOut(round);
            }
            if (options.only().contains("sandbox-scale")) {
                SandboxScaleFigure.run(jvms, options.quick(), round, this::record);
            }
            if (options.only().contains("postgres")) {
                PostgresFigure.run(jvms, options.quick(), order, round, this::record);
            }
            writeReport(machine, started, false);
        }
        String report = writeReport(machine, started, true);
        System.out.println();
        System.out.println(report);
    }

    private void dwolla(List<Impl> order, int round) throws IOException, InterruptedException {
        // 30 s of warm-up: here the JIT needs about that long before the adapter's (larger) code is compiled.
        for (String op : List.of("get", "create")) {
            Map<String, String> r = jvms.child("dwolla-" + op + "-r" + round, DwollaBench.class,
                    List.of(op, "4", "1000",
                    options.quick() ? "2" : "30", options.quick() ? "2" : "10", options.quick() ? "2" : "8",
                    order.get(0).key(), Integer.toString(DWOLLA_FILE_BYTES)));
            record("dwolla-" + op + "-thr", round, num(r, "barePerSecond"), num(r, "docverifyPerSecond"),
                    String.format(Locale.ROOT, "CPU per call %s / %s us", r.get("bareCpuUsPerCall"),
                            r.get("docverifyCpuUsPerCall")));
            record("dwolla-" + op + "-p50", round, num(r, "bareP50us"), num(r, "docverifyP50us"),
                    String.format(Locale.ROOT, "p99 %s / %s us; %s / %s calls", r.get("bareP99us"),
                            r.get("docverifyP99us"), r.get("bareLatencyCalls"), r.get("docverifyLatencyCalls")));
        }
        int n = options.quick() ? 4 : 16;
        long sent = 9 * MIB;
        // n = the adapter's default bulkhead (16 uploads): the 2 extra must be refused at once.
        Map<String, String> heap = jvms.child("dwolla-heap-r" + round, DwollaHeap.class, List.of(Integer.toString(n),
                Long.toString(sent), options.quick() ? "0" : "2"));
        if (!heap.get("stillOpen").equals(Integer.toString(n))) {
            throw new IllegalStateException("only " + heap.get("stillOpen") + " of " + n
                    + " Dwolla uploads were still open when the heap was measured");
        }
        record("dwolla-heap", round, sent, num(heap, "perUploadBytes"), String.format(Locale.ROOT,
                "%d uploads x %d MiB sent; heap %s -> %s bytes; bulkhead refused %s of %s extra uploads", n,
                sent / MIB, heap.get("baselineHeapBytes"), heap.get("loadedHeapBytes"),
                heap.get("refusedByBulkhead"), heap.get("extra")));
        if (!options.quick()) {
            record("dwolla-bulkhead", round, num(heap, "extra"), num(heap, "refusedByBulkhead"), "");
        }
    }

    /** The under-attack figure: one JVM, a phase without attackers and one with them (order flips per round). */
    /** Stream counts of the fan-out figure. */
    static final int FANOUT_MAX = 10_000;
    static final int FANOUT_MID = 1_000;

    private void fanOut(int round) throws IOException, InterruptedException {
        boolean q = options.quick();
        int max = q ? 1000 : FANOUT_MAX;
        int mid = q ? 100 : FANOUT_MID;
        int reviews = q ? 50 : 200;
        int same = q ? 100 : 1000;
        Map<String, String> r = jvms.child("fanout-r" + round, FanOut.class, List.of("document",
                Integer.toString(mid), Integer.toString(max), Integer.toString(reviews), Integer.toString(same),
                q ? "2" : "5", "4"));
        String detail = String.format(Locale.ROOT, "%s streams over %s connections (max %s calls each); "
                + "p50 %s / %s us, max %s / %s us over %s reviews; last of %s watchers of one document: p50 %s us, "
                + "max %s us (%s reviews)", r.get("max"), r.get("channels"), r.get("maxCallsPerConnection"),
                r.get("baseP50us"), r.get("loadedP50us"), r.get("baseMaxUs"), r.get("loadedMaxUs"), r.get("reviews"),
                r.get("same"), r.get("sameP50us"), r.get("sameMaxUs"), r.get("sameRounds"));
        record("fanout-p99", round, num(r, "baseP99us"), num(r, "loadedP99us"), detail);
        record("fanout-p50", round, num(r, "baseP50us"), num(r, "loadedP50us"), "");
        record("fanout-heap", round, num(r, "bytesPerStreamMid"), num(r, "bytesPerStream"), String.format(Locale.ROOT,
                "heap %s / %s / %s bytes at 0 / %s / %s streams", r.get("heap0"), r.get("heapMid"),
                r.get("heapMax"), r.get("mid"), r.get("max")));
        record("fanout-threads", round, num(r, "threads0"), num(r, "threadsMax"), String.format(Locale.ROOT,
                "threads %s / %s / %s at 0 / %s / %s streams; %s threads per stream", r.get("threads0"),
                r.get("threadsMid"), r.get("threadsMax"), r.get("mid"), r.get("max"), r.get("threadsPerStream")));
    }

    private void attack(List<Impl> order, int round) throws IOException, InterruptedException {
        Map<String, String> r = jvms.child("attack-r" + round, UnderAttack.class, List.of(
                options.quick() ? "8" : "64", "10", options.quick() ? "1" : "15", options.quick() ? "2" : "40",
                order.get(0) == Impl.BARE ? "quiet" : "attack", Integer.toString(256 * 1024)));
        String detail = String.format(Locale.ROOT, "%s / %s of %s / %s ok; failures %s / %s; attackers opened %s "
                + "uploads, ended %s; slots in use %s of %s on average", r.get("quietOk"), r.get("attackOk"),
                r.get("quietAttempts"), r.get("attackAttempts"), r.get("quietFailures"), r.get("attackFailures"),
                r.get("attackerUploads"), r.get("attackerEnds"), r.get("meanSlotsInUse"), r.get("slots"));
        record("attack-ok", round, num(r, "quietShare"), num(r, "attackShare"), detail);
        record("attack-p99", round, num(r, "quietP99us"), num(r, "attackP99us"), String.format(Locale.ROOT,
                "p50 %s / %s us", r.get("quietP50us"), r.get("attackP50us")));
    }

    private void coldStart(List<Impl> order, int round) throws IOException, InterruptedException {
        if (!Files.isRegularFile(options.appJar())) {
            throw new IllegalStateException(options.appJar() + " not found: build it first (./mvnw -B -ntp -pl "
                    + "app-grpc,benchmarks -am package -DskipTests) or pass --jar");
        }
        String java = ChildJvms.javaCommand();
        String classpath = System.getProperty("java.class.path");
        Duration idle = Duration.ofSeconds(options.quick() ? 1 : 3);
        int starts = options.quick() ? 1 : 2;
        // Load the probe's own classes (gRPC client, Netty) before the first measured start.
        try (var warm = BareServer.start(0)) {
            var port = warm.port();
            ColdStart.measure(List.of(java, "-cp", classpath, BareServerMain.class.getName(),
                    Integer.toString(ColdStart.freePort())), Map.of(), port, Duration.ZERO,
                    options.out().resolve("coldstart-warmup.log"));
        } catch (RuntimeException ignored) {
            // the warm-up process itself is not measured
        }
        for (int s = 0; s < starts; s++) {
            Map<Impl, ColdStart.Sample> sample = new LinkedHashMap<>();
            for (Impl impl : order) {
                int port = ColdStart.freePort();
                List<String> command = new ArrayList<>(List.of(java));
                if (options.profile()) {
                    command.add(jvms.jfr("coldstart", impl, round));
                }
                Map<String, String> env = Map.of();
                if (impl == Impl.DOCVERIFY) {
                    command.addAll(List.of("-jar", options.appJar().toString()));
                    env = Map.of("DOCVERIFY_PORT", Integer.toString(port), "DOCVERIFY_METRICS_PORT", "0",
                            "DOCVERIFY_API_KEYS", BenchClient.KEY);
                } else {
                    command.addAll(List.of("-cp", classpath, BareServerMain.class.getName(), Integer.toString(port)));
                }
                sample.put(impl, ColdStart.measure(command, env, port, idle,
                        options.out().resolve("coldstart-" + impl.key() + ".log")));
            }
            var bare = sample.get(Impl.BARE);
            var ours = sample.get(Impl.DOCVERIFY);
            System.out.printf(Locale.ROOT, "  coldstart: bare %.0f ms, docverify %.0f ms%n", bare.millisToServing(),
                    ours.millisToServing());
            record("coldstart", round, bare.millisToServing(), ours.millisToServing(), "");
            if (bare.cpuMillisToServing().isPresent() && ours.cpuMillisToServing().isPresent()) {
                record("coldstart-cpu", round, bare.cpuMillisToServing().getAsLong(),
                        ours.cpuMillisToServing().getAsLong(), "");
            }
            if (bare.mainThreadCpuMillisToServing().isPresent() && ours.mainThreadCpuMillisToServing().isPresent()) {
                record("coldstart-main", round, bare.mainThreadCpuMillisToServing().getAsLong(),
                        ours.mainThreadCpuMillisToServing().getAsLong(), "");
            }
            if (bare.idleRssBytes().isPresent() && ours.idleRssBytes().isPresent()) {
                record("rss", round, bare.idleRssBytes().getAsLong(), ours.idleRssBytes().getAsLong(),
                        "after " + idle.toSeconds() + " s idle");
            }
        }
    }

    private static double num(Map<String, String> result, String key) {
        String v = result.get(key);
        if (v == null) {
            throw new IllegalStateException("no " + key + " in " + result);
        }
        return Double.parseDouble(v);
    }

    private void record(String figure, int round, double baseline, double ours, String detail) {
        samples.computeIfAbsent(figure, k -> new ArrayList<>()).add(new double[] {baseline, ours});
        Figure f = figures.get(figure);
        details.add(String.format(Locale.ROOT, "| %d | %s | %s | %s | %.3f | %s |", round, figure,
                f.show(baseline), f.show(ours), ours / baseline, detail));
    }

    /** The table as Markdown; written to the output directory. */
    String writeReport(String machine, Instant started, boolean last) throws IOException {
        var b = new StringBuilder();
        b.append("## Results (").append(DateTimeFormatter.ISO_INSTANT.format(started.truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS))).append(", ").append(options.rounds()).append(" rounds")
                .append(options.quick() ? ", QUICK settings: not comparable" : "").append(")\n\n");
        b.append(table(figures, samples));
        b.append(LatencyPlots.draw(jvms.histograms(), options.out().resolve("plots"), options.out(), figures));
        b.append("\n### Every round\n\n| round | figure | baseline | docverify | ratio | notes |\n|---|---|---|---|---|---|\n");
        details.forEach(d -> b.append(d).append('\n'));
        b.append("\n### Machine\n\n```\n").append(machine).append("\n```\n");
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started);
        Files.writeString(options.out().resolve("results-" + stamp + ".md"), b.toString());
        if (last) {
            Files.writeString(options.out().resolve("results-latest.md"), b.toString());
        }
        return b.toString();
    }

    /** The summary table: medians of both sides, the median ratio with its range, the target, met or not. */
    static String table(Map<String, Figure> figures, Map<String, List<double[]>> samples) {
        var b = new StringBuilder("| figure | baseline | docverify | ratio (median, min-max, runs) | target | met? |\n"
                + "|---|---|---|---|---|---|\n");
        for (Figure f : figures.values()) {
            List<double[]> runs = samples.get(f.key());
            if (runs == null || runs.isEmpty()) {
                continue;
            }
            Stats base = Stats.of(runs.stream().map(r -> r[0]).toList());
            Stats ours = Stats.of(runs.stream().map(r -> r[1]).toList());
            Stats ratio = Stats.of(runs.stream().map(r -> r[1] / r[0]).toList());
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %.3f (%.3f-%.3f, %d) | %s | %s |%n", f.title(),
                    f.show(base.median()), f.show(ours.median()), ratio.median(), ratio.min(), ratio.max(),
                    ratio.runs(), f.target(), f.ratioMet() == null && f.absoluteMet() == null ? "-"
                            : f.met(ratio.median(), ours.median()) ? "yes" : "**no**"));
        }
        return b.toString();
    }
}
