package io.docverify.grpc;

import io.docverify.grpc.config.ServiceConfig;
import io.docverify.grpc.config.TlsSettings;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;

/** The socket transport: Netty on the configured address and port, plaintext or TLS (optionally mutual). */
public final class Transports {
    private Transports() {
    }

    /** Netty on {@code bindAddress:port} with the configured credentials. */
    public static DocverifyServer.Transport netty() {
        return config -> NettyServerBuilder.forAddress(
                new InetSocketAddress(config.bindAddress(), config.port()), credentials(config));
    }

    static ServerCredentials credentials(ServiceConfig config) throws IOException {
        if (config.tls().isEmpty()) {
            return InsecureServerCredentials.create();
        }
        TlsSettings tls = config.tls().get();
        var builder = TlsServerCredentials.newBuilder()
                .keyManager(tls.certChainFile().toFile(), tls.privateKeyFile().toFile());
        if (tls.clientCaFile().isPresent()) {
            builder.trustManager(tls.clientCaFile().get().toFile())
                    .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
        }
        return builder.build();
    }
}
