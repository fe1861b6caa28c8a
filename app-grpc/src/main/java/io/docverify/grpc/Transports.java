package io.docverify.grpc;

import io.docverify.grpc.config.ConnectionSettings;
import io.docverify.grpc.config.ServiceConfig;
import io.docverify.grpc.connection.ConnectionLayer;
import io.docverify.grpc.connection.ConnectionRegistry;
import io.docverify.grpc.connection.MemoryBudget;
import io.docverify.grpc.config.TlsSettings;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerBuilder;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;

/** The socket transport: Netty on the configured address and port, plaintext or TLS (optionally mutual). */
public final class Transports {
    private Transports() {
    }

    /**
     * Netty on {@code bindAddress:port} with the configured credentials and the connection layer's limits
     * ({@link ConnectionSettings}); refuses to start (a {@link io.docverify.grpc.config.ConfigException} naming the
     * settings) when the upload slots cannot fit the JVM's memory.
     */
    public static DocverifyServer.Transport netty() {
        return new DocverifyServer.Transport() {
            @Override
            public ServerBuilder<?> builder(ServiceConfig config) throws IOException {
                return builder(config, new ConnectionRegistry(config.connections().maxConnections()));
            }

            @Override
            public ServerBuilder<?> builder(ServiceConfig config, ConnectionRegistry connections)
                    throws IOException {
                MemoryBudget.check(config, MemoryBudget.available());
                return ConnectionLayer.apply(NettyServerBuilder.forAddress(
                        new InetSocketAddress(config.bindAddress(), config.port()), credentials(config)),
                        config.connections(), connections);
            }
        };
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
