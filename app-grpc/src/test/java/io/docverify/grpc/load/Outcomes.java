package io.docverify.grpc.load;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * What every operation of the run ended with, as {@code operation -> "CODE reason"} counts, and the outcomes
 * that no operation may have (each with the error's description).
 */
final class Outcomes {
    private final Map<String, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();

    /** "OK", or the status code and the ErrorInfo reason of a gRPC error ("NOT_FOUND notFound"). */
    static String label(Throwable error) {
        if (error == null) {
            return "OK";
        }
        Status status = Status.fromThrowable(error);
        return status.getCode() + reason(error).map(r -> " " + r).orElse("");
    }

    static java.util.Optional<String> reason(Throwable error) {
        com.google.rpc.Status rich = StatusProto.fromThrowable(error);
        if (rich == null) {
            return java.util.Optional.empty();
        }
        return rich.getDetailsList().stream().filter(a -> a.is(ErrorInfo.class)).findFirst().map(a -> {
            try {
                return a.unpack(ErrorInfo.class).getReason();
            } catch (InvalidProtocolBufferException e) {
                return "unreadable-ErrorInfo";
            }
        });
    }

    /** Counts the outcome; one outside {@code allowed} is also recorded as unexpected. Returns its label. */
    String record(String operation, Throwable error, Set<String> allowed) {
        String label = label(error);
        counts.computeIfAbsent(operation, o -> new ConcurrentHashMap<>())
                .computeIfAbsent(label, l -> new LongAdder()).increment();
        if (!allowed.contains(label)) {
            unexpected.add(operation + " -> " + label + (error == null ? "" : " (" + error + ")"));
        }
        return label;
    }

    long total() {
        return counts.values().stream().flatMap(m -> m.values().stream()).mapToLong(LongAdder::sum).sum();
    }

    long count(String operation, String label) {
        var m = counts.get(operation);
        LongAdder a = m == null ? null : m.get(label);
        return a == null ? 0 : a.sum();
    }

    long count(String operation) {
        var m = counts.get(operation);
        return m == null ? 0 : m.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** One line per operation: its total and its outcomes, sorted. */
    String table() {
        var sorted = new TreeMap<>(counts);
        return sorted.entrySet().stream().map(e -> String.format("  %-16s %7d  %s", e.getKey(),
                e.getValue().values().stream().mapToLong(LongAdder::sum).sum(),
                new TreeMap<>(e.getValue()).entrySet().stream().map(o -> o.getKey() + "=" + o.getValue().sum())
                        .collect(Collectors.joining(", "))))
                .collect(Collectors.joining("\n"));
    }
}
