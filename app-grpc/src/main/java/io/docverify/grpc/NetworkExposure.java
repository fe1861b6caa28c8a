package io.docverify.grpc;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the service exposes beyond loopback without protection, as one warning line each: plaintext gRPC (no TLS:
 * API keys and documents cross the network in clear) and {@code /metrics} (plaintext and without authentication).
 * Decided from the addresses actually bound; an in-process transport exposes nothing.
 */
public final class NetworkExposure {
    private NetworkExposure() {
    }

    /** The warnings for these bound addresses; empty if everything unprotected listens on loopback only. */
    public static List<String> warnings(List<? extends SocketAddress> grpc, boolean tls,
            Optional<InetSocketAddress> metrics) {
        var warnings = new ArrayList<String>();
        if (!tls) {
            grpc.stream().filter(NetworkExposure::beyondLoopback).findFirst().ifPresent(a -> warnings.add(
                    "plaintext gRPC (no TLS) listens beyond loopback on " + describe(a) + ": API keys and documents "
                            + "cross the network in clear; set DOCVERIFY_TLS_CERT_FILE and DOCVERIFY_TLS_KEY_FILE, "
                            + "or bind DOCVERIFY_BIND_ADDRESS to loopback behind a TLS proxy"));
        }
        metrics.filter(NetworkExposure::beyondLoopback).ifPresent(a -> warnings.add(
                "/metrics (plaintext, no authentication) listens beyond loopback on " + describe(a)
                        + ": anyone who reaches it reads the service's metrics; set DOCVERIFY_METRICS_BIND_ADDRESS "
                        + "to loopback or to a private interface only the scraper reaches"));
        return warnings;
    }

    private static boolean beyondLoopback(SocketAddress address) {
        if (!(address instanceof InetSocketAddress inet)) {
            return false; // in-process
        }
        return inet.getAddress() == null || !inet.getAddress().isLoopbackAddress();
    }

    private static String describe(SocketAddress address) {
        var inet = (InetSocketAddress) address;
        String host = inet.getAddress() == null ? inet.getHostString() : inet.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + inet.getPort();
    }
}
