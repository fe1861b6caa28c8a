package io.docverify.benchmarks;

import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentResponse;
import io.docverify.grpc.v1.DocumentServiceProto.UploadFinish;
import io.docverify.grpc.v1.DocumentServiceProto.UploadMetadata;
import io.docverify.ports.contract.TestFiles;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The under-attack figure (issue 9, part 2): the share of legitimate uploads that succeed, and their p99, while
 * attackers hold slow uploads open and reopen them when they are cut, against the same run without attackers.
 *
 * <p>One JVM, docverify as {@code Main} builds it ({@link DocverifyBenchServer}: defaults, every upload guard on
 * its default) on 127.0.0.1 with two API keys: the legitimate clients' and the attackers' own. Legitimate load:
 * an open loop (upload <i>i</i> is due at <i>start + i / rate</i> and is sent then, whatever the others do;
 * latency counts from the due time), each a new customer's unique PNG in 64 KiB chunks ending with
 * {@code finish}; every attempt counts, no retries. Attackers: each sends valid metadata for its own customer, the
 * first 8 bytes, then one byte every 5 s (the slow loris), and opens a new upload at once when the server
 * ends one (100 ms later when it was refused, as a client looping on {@code RESOURCE_EXHAUSTED} would). The
 * phase with attackers starts with an unrecorded warm-up, so that they hold their slots and have been cut at
 * least once before it is recorded.
 *
 * <p>{@code java -cp benchmarks.jar io.docverify.benchmarks.UnderAttack ATTACKERS RATE WARMUP_S MEASURE_S FIRST
 * FILE_BYTES [own|shared] [SETTING=VALUE ...]}: {@code FIRST} is {@code quiet} or {@code attack}; {@code shared}
 * gives the attackers the legitimate clients' key instead of their own; settings override the server's
 * defaults (the smoke test shortens the limits). Everything ends by itself: the phases are timed, every call has a
 * deadline, and the attackers are cancelled at the end of theirs.
 */
public final class UnderAttack {
    /** The attackers' own API key (a key holder who turned hostile, or a leaked key). */
    public static final String ATTACKER_KEY = "attacker-api-key-0123456789";
    private static final int CHUNK_BYTES = 64 * 1024;
    private static final Duration LEGIT_DEADLINE = Duration.ofSeconds(60);

    /** The command line. */
    record Options(int attackers, double rate, Duration warmup, Duration measure, boolean attackFirst,
            int fileBytes, boolean sharedKey, Map<String, String> settings) {
        static Options parse(String[] args) {
            var settings = new TreeMap<String, String>();
            boolean shared = false;
            for (int i = 6; i < args.length; i++) {
                if (args[i].equals("shared") || args[i].equals("own")) {
                    shared = args[i].equals("shared");
                } else if (args[i].startsWith("DOCVERIFY_") && args[i].contains("=")) {
                    settings.put(args[i].substring(0, args[i].indexOf('=')),
                            args[i].substring(args[i].indexOf('=') + 1));
                } else {
                    throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            String first = args[4];
            if (!first.equals("quiet") && !first.equals("attack")) {
                throw new IllegalArgumentException("FIRST must be quiet or attack, not " + first);
            }
            return new Options(Integer.parseInt(args[0]), Double.parseDouble(args[1]),
                    Duration.ofMillis((long) (Double.parseDouble(args[2]) * 1000)),
                    Duration.ofMillis((long) (Double.parseDouble(args[3]) * 1000)), first.equals("attack"),
                    Integer.parseInt(args[5]), shared, Map.copyOf(settings));
        }
    }

    /** The legitimate uploads of one phase. */
    record Phase(long attempts, long succeeded, Histogram latencies, Map<String, Long> failures) {
        double share() {
            return attempts == 0 ? Double.NaN : (double) succeeded / attempts;
        }

        double p99Micros() {
            return latencies.getValueAtPercentile(99) / 1000.0;
        }

        double p50Micros() {
            return latencies.getValueAtPercentile(50) / 1000.0;
        }
    }

    /** Both phases and what the attackers did. */
    record Outcome(Phase quiet, Phase attack, long attackerOpened, Map<String, Long> attackerEnds,
            double meanSlotsInUse, int slots) {
    }

    private UnderAttack() {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Outcome r = run(o);
        LatencyPlots.save("attack-p99", Impl.BARE, r.quiet().latencies());
        LatencyPlots.save("attack-p99", Impl.DOCVERIFY, r.attack().latencies());
        System.out.println(ResultLine.format("attack", Impl.DOCVERIFY,
                "attackers", o.attackers(), "rate", o.rate(), "measureS", o.measure().toMillis() / 1000.0,
                "quietAttempts", r.quiet().attempts(), "quietOk", r.quiet().succeeded(),
                "quietShare", r.quiet().share(), "quietP50us", r.quiet().p50Micros(),
                "quietP99us", r.quiet().p99Micros(),
                "attackAttempts", r.attack().attempts(), "attackOk", r.attack().succeeded(),
                "attackShare", r.attack().share(), "attackP50us", r.attack().p50Micros(),
                "attackP99us", r.attack().p99Micros(),
                "attackFailures", codes(r.attack().failures()), "quietFailures", codes(r.quiet().failures()),
                "attackerUploads", r.attackerOpened(), "attackerEnds", codes(r.attackerEnds()),
                "meanSlotsInUse", r.meanSlotsInUse(), "slots", r.slots(), "key", o.sharedKey() ? "shared" : "own"));
        System.exit(0);
    }

    private static String codes(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        var b = new StringBuilder();
        counts.forEach((code, n) -> b.append(b.length() == 0 ? "" : ",").append(code).append(':').append(n));
        return b.toString();
    }

    /** Runs both phases against a fresh server and stops it. */
    static Outcome run(Options o) throws Exception {
        var env = DocverifyBenchServer.environment();
        env.put("DOCVERIFY_API_KEYS", BenchClient.KEY + "," + ATTACKER_KEY);
        env.putAll(o.settings());
        try (var server = DocverifyBenchServer.start(env); var client = new BenchClient(server.port())) {
            var legit = client.async();
            var attackerHeaders = new Metadata();
            attackerHeaders.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                    "Bearer " + (o.sharedKey() ? BenchClient.KEY : ATTACKER_KEY));
            var hostile = DocumentServiceGrpc.newStub(client.channel())
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(attackerHeaders));
            long perPhase = (long) Math.ceil(o.rate() * (o.warmup().toNanos() + o.measure().toNanos()) / 1e9) + 16;
            var owners = new ConcurrentLinkedQueue<String>();
            server.newUploaders((int) (2 * perPhase + Math.ceil(o.rate() * 3) + 32)).forEach(id -> owners.add(id.value()));
            // Warm the JIT on the legitimate path (unrecorded): a few seconds of the same load.
            openLoop(legit, owners, o, Duration.ofMillis(Math.min(3000, o.warmup().toMillis())), Duration.ZERO);

            var gauge = server.server().registry().get("docverify.uploads.in.progress").gauge();
            Phase quiet = null;
            Phase attack = null;
            Attack attackers = null;
            for (int step = 0; step < 2; step++) {
                boolean attacking = (step == 0) == o.attackFirst();
                if (attacking) {
                    attackers = new Attack(hostile, server.newUploaders(o.attackers()), gauge::value);
                    attackers.start();
                    attack = openLoop(legit, owners, o, o.warmup(), o.measure(), attackers::sample);
                    attackers.stop();
                } else {
                    quiet = openLoop(legit, owners, o, o.warmup(), o.measure());
                }
            }
            return new Outcome(quiet, attack, attackers.opened.get(), attackers.endings(), attackers.meanInUse(),
                    Integer.parseInt(env.getOrDefault("DOCVERIFY_MAX_CONCURRENT_UPLOADS", "64")));
        }
    }

    private static Phase openLoop(DocumentServiceGrpc.DocumentServiceStub stub, ConcurrentLinkedQueue<String> owners,
            Options o, Duration warmup, Duration measure) throws InterruptedException {
        return openLoop(stub, owners, o, warmup, measure, () -> {
        });
    }

    /**
     * {@code warmup} unrecorded, then {@code measure} recorded, at {@code o.rate()} uploads per second; waits for
     * every upload to end (each has a deadline). {@code tick} runs about every 100 ms of the recorded part.
     */
    private static Phase openLoop(DocumentServiceGrpc.DocumentServiceStub stub, ConcurrentLinkedQueue<String> owners,
            Options o, Duration warmup, Duration measure, Runnable tick) throws InterruptedException {
        var latencies = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(120), 3);
        var attempts = new LongAdder();
        var succeeded = new LongAdder();
        var failures = new ConcurrentHashMap<String, LongAdder>();
        var outstanding = new AtomicLong();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        double period = 1e9 / o.rate();
        long nextTick = measureFrom;
        for (long i = 0; ; i++) {
            long due = start + (long) (i * period);
            if (due >= end) {
                break;
            }
            long now;
            while ((now = System.nanoTime()) < due) {
                if (now >= nextTick && now >= measureFrom) {
                    tick.run();
                    nextTick = now + TimeUnit.MILLISECONDS.toNanos(100);
                }
                LockSupport.parkNanos(Math.min(due - now, TimeUnit.MILLISECONDS.toNanos(100)));
            }
            boolean recorded = due >= measureFrom;
            String owner = owners.poll();
            if (owner == null) {
                throw new IllegalStateException("ran out of prepared customers");
            }
            byte[] file = TestFiles.png(o.fileBytes());
            outstanding.incrementAndGet();
            LegitUpload.start(stub, Upload.passport(owner), file, (ok, code) -> {
                if (recorded) {
                    attempts.increment();
                    if (ok) {
                        succeeded.increment();
                        latencies.recordValue(Math.min(System.nanoTime() - due, latencies.getHighestTrackableValue()));
                    } else {
                        failures.computeIfAbsent(code, k -> new LongAdder()).increment();
                    }
                }
                outstanding.decrementAndGet();
            });
        }
        long waitUntil = System.nanoTime() + LEGIT_DEADLINE.toNanos() + TimeUnit.SECONDS.toNanos(5);
        while (outstanding.get() > 0 && System.nanoTime() < waitUntil) {
            Thread.sleep(5);
        }
        var failed = new TreeMap<String, Long>();
        failures.forEach((code, n) -> failed.put(code, n.sum()));
        if (outstanding.get() > 0) {
            failed.put("UNFINISHED", outstanding.get());
        }
        return new Phase(attempts.sum() + outstanding.get(), succeeded.sum(), latencies.copy(), failed);
    }

    /** A failure as the result line counts it: its gRPC status code. */
    private static String code(Throwable t) {
        return Status.fromThrowable(t).getCode().name();
    }

    /** One legitimate upload, flow-controlled, ending with {@code finish}; reports once how it ended. */
    private static final class LegitUpload implements ClientResponseObserver<UploadDocumentRequest,
            UploadDocumentResponse> {
        interface Done {
            void ended(boolean ok, String code);
        }

        private final List<UploadDocumentRequest> messages;
        private final Done done;
        private ClientCallStreamObserver<UploadDocumentRequest> requests;
        private int next;
        private boolean answered;
        private boolean halfClosed;

        private LegitUpload(List<UploadDocumentRequest> messages, Done done) {
            this.messages = messages;
            this.done = done;
        }

        static void start(DocumentServiceGrpc.DocumentServiceStub stub, UploadMetadata metadata, byte[] file,
                Done done) {
            var messages = new ArrayList<UploadDocumentRequest>();
            messages.add(UploadDocumentRequest.newBuilder().setMetadata(metadata.toBuilder()
                    .setSizeBytes(file.length)).build());
            messages.addAll(Upload.chunks(file, CHUNK_BYTES));
            messages.add(UploadDocumentRequest.newBuilder().setFinish(
                    UploadFinish.newBuilder().setSizeBytes(file.length)).build());
            stub.withDeadlineAfter(LEGIT_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                    .uploadDocument(new LegitUpload(messages, done));
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<UploadDocumentRequest> stream) {
            requests = stream;
            stream.setOnReadyHandler(this::pump);
        }

        private synchronized void pump() {
            while (!halfClosed && requests.isReady() && next < messages.size()) {
                requests.onNext(messages.get(next++));
            }
            if (!halfClosed && next == messages.size()) {
                halfClosed = true;
                requests.onCompleted();
            }
        }

        @Override
        public void onNext(UploadDocumentResponse value) {
        }

        @Override
        public synchronized void onError(Throwable t) {
            if (!answered) {
                answered = true;
                done.ended(false, code(t));
            }
        }

        @Override
        public synchronized void onCompleted() {
            if (!answered) {
                answered = true;
                done.ended(true, "OK");
            }
        }
    }
}
