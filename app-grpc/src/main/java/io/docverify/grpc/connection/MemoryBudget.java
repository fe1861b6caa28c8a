package io.docverify.grpc.connection;

import io.docverify.grpc.config.ConfigException;
import io.docverify.grpc.config.ServiceConfig;
import io.grpc.netty.shaded.io.netty.util.internal.PlatformDependent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the upload slots fit the JVM's memory, checked at start. What an upload in progress can make the server
 * hold, at most: in direct memory (Netty's buffers), the bytes its client may send ahead (the flow-control window;
 * a connection's window is shared by its streams, so one per upload is the worst case) plus the message being
 * assembled (up to the inbound message limit); on the heap, the chunk handed to the backend and the one being
 * decoded. Direct memory defaults to the heap size, so with the defaults (64 slots, a 256 KiB window, 1 MiB
 * messages) a {@code -Xmx128m} JVM fits with room to spare; a configuration that cannot fit is refused with the
 * settings to change, instead of a connection dying mid-upload.
 */
public final class MemoryBudget {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryBudget.class);
    private static final long MIB = 1024 * 1024;

    /** The limits the check compares against. */
    public record Available(long directBytes, long heapBytes) {
    }

    private MemoryBudget() {
    }

    /** This JVM's direct-memory limit (as Netty sees it) and maximum heap. */
    public static Available available() {
        return new Available(PlatformDependent.maxDirectMemory(), Runtime.getRuntime().maxMemory());
    }

    /** Direct memory the configured upload slots may need at most. */
    public static long directNeeded(ServiceConfig config) {
        return (long) config.maxConcurrentUploads()
                * (config.connections().flowControlWindow() + (long) ConnectionLayer.MAX_INBOUND_MESSAGE_BYTES);
    }

    /** Heap the configured upload slots may need at most (their chunks, not the backend's own state). */
    public static long heapNeeded(ServiceConfig config) {
        return (long) config.maxConcurrentUploads() * 2 * ConnectionLayer.MAX_INBOUND_MESSAGE_BYTES;
    }

    /**
     * Refuses a configuration whose upload slots cannot fit the direct memory; warns when their chunks would take
     * more than the whole heap (the backend and the JVM need some too).
     *
     * @throws ConfigException naming the settings to change
     */
    public static void check(ServiceConfig config, Available available) {
        long direct = directNeeded(config);
        if (available.directBytes() > 0 && direct > available.directBytes()) {
            throw new ConfigException("DOCVERIFY_MAX_CONCURRENT_UPLOADS=" + config.maxConcurrentUploads()
                    + " uploads with DOCVERIFY_FLOW_CONTROL_WINDOW=" + config.connections().flowControlWindow()
                    + " may need " + direct / MIB + " MiB of direct memory, but this JVM has "
                    + available.directBytes() / MIB + " MiB (-XX:MaxDirectMemorySize, by default the heap size):"
                    + " lower either setting or give the JVM more memory");
        }
        long heap = heapNeeded(config);
        if (heap > available.heapBytes()) {
            LOG.atWarn().addKeyValue("event", "config.memoryTight")
                    .addKeyValue("maxConcurrentUploads", config.maxConcurrentUploads())
                    .addKeyValue("heapNeededMiB", heap / MIB).addKeyValue("heapMiB", available.heapBytes() / MIB)
                    .log("the upload slots' chunks may need more than the whole heap: lower"
                            + " DOCVERIFY_MAX_CONCURRENT_UPLOADS or raise -Xmx");
        }
    }
}
