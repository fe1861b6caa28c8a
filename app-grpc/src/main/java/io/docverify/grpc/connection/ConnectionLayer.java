package io.docverify.grpc.connection;

import io.docverify.grpc.config.ConnectionSettings;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerStreamTracer;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The connection layer's settings on a {@link NettyServerBuilder}: grpc-java's own limits (streams per connection,
 * flow-control window, handshake time, idle and age limits, keep-alive policy, RST_STREAM rate), and the
 * connection cap and failure log, which need a handler on the listening socket: that takes a channel factory of our
 * own, and grpc-java then wants the event loops given too (shared by every server of the process, like grpc's own
 * default loops; daemon threads).
 */
public final class ConnectionLayer {
    /** Largest inbound message: a 1 MiB chunk plus room for its framing. */
    public static final int MAX_INBOUND_MESSAGE_BYTES = 1024 * 1024 + 1024;

    private ConnectionLayer() {
    }

    private static final class Loops {
        static final EventLoopGroup ACCEPT = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("docverify-accept", true), NioIoHandler.newFactory());
        static final EventLoopGroup IO = new MultiThreadIoEventLoopGroup(0,
                new DefaultThreadFactory("docverify-io", true), NioIoHandler.newFactory());
    }

    /** Applies {@code settings} to {@code builder}; connections are admitted and tracked by {@code registry}. */
    public static NettyServerBuilder apply(NettyServerBuilder builder, ConnectionSettings settings,
            ConnectionRegistry registry) {
        builder.channelFactory(() -> {
                    var channel = new NioServerSocketChannel();
                    channel.pipeline().addLast("docverify-connection-gate", new ConnectionGate(registry));
                    return channel;
                })
                .bossEventLoopGroup(Loops.ACCEPT)
                .workerEventLoopGroup(Loops.IO)
                .maxConcurrentCallsPerConnection(settings.maxCallsPerConnection())
                // A fixed window (no BDP growth): what one connection can hold stays what was configured.
                .flowControlWindow(settings.flowControlWindow())
                .handshakeTimeout(settings.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .permitKeepAliveTime(settings.permitKeepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
                .permitKeepAliveWithoutCalls(false)
                .maxRstFramesPerWindow(settings.maxRstFrames(), (int) settings.rstFramesWindow().toSeconds())
                .addStreamTracerFactory(new ServerStreamTracer.Factory() {
                    @Override
                    public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
                        return new ServerStreamTracer() {
                            @Override
                            public void serverCallStarted(ServerCallInfo<?, ?> info) {
                                registry.markUsed(info.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
                            }
                        };
                    }
                });
        ifSet(settings.idleTimeout(), d -> builder.maxConnectionIdle(d.toMillis(), TimeUnit.MILLISECONDS));
        ifSet(settings.maxConnectionAge(), d -> builder.maxConnectionAge(d.toMillis(), TimeUnit.MILLISECONDS));
        ifSet(settings.maxConnectionAgeGrace(),
                d -> builder.maxConnectionAgeGrace(d.toMillis(), TimeUnit.MILLISECONDS));
        ifSet(settings.keepAliveTime(), d -> builder.keepAliveTime(d.toMillis(), TimeUnit.MILLISECONDS));
        ifSet(settings.keepAliveTimeout(), d -> builder.keepAliveTimeout(d.toMillis(), TimeUnit.MILLISECONDS));
        return builder;
    }

    private static void ifSet(Duration d, java.util.function.Consumer<Duration> apply) {
        if (!d.isZero()) {
            apply.accept(d);
        }
    }
}
