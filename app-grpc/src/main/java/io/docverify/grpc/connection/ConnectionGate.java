package io.docverify.grpc.connection;

import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * In the listening socket's pipeline, before Netty's acceptor: every accepted connection passes the
 * {@link ConnectionRegistry}'s cap (or is closed before gRPC sees it) and gets a {@link ConnectionWatch}.
 */
final class ConnectionGate extends ChannelInboundHandlerAdapter {
    private final ConnectionRegistry registry;
    private final ConnectionWatch.FailureLog failures = new ConnectionWatch.FailureLog(java.time.Duration.ofSeconds(10));

    ConnectionGate(ConnectionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel child = (Channel) msg;
        if (!registry.admit(child)) {
            // Not registered with an event loop yet: close the socket directly, as Netty's acceptor does on failure.
            child.unsafe().closeForcibly();
            return;
        }
        child.pipeline().addFirst(ConnectionWatch.NAME, new ConnectionWatch(failures));
        ctx.fireChannelRead(child);
    }
}
