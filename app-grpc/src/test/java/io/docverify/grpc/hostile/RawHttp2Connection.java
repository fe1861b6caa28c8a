package io.docverify.grpc.hostile;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Flags;
import io.netty.handler.codec.http2.Http2FrameTypes;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * An HTTP/2 client on a plain socket that puts exactly the frames a test asks for on the wire, with Netty's own
 * frame writer (HPACK included) encoding them: {@link #frames()} collects frames, {@link Frames#send()} writes
 * them to the socket in ONE write. So a test can send what a browser's or Node's HTTP/2 layer sends when a call
 * is cancelled, an empty DATA frame with END_STREAM followed by RST_STREAM in the same packet, which no gRPC
 * client library lets a test do on purpose.
 *
 * <p>Not for concurrent use by several test threads. A reader thread acknowledges the server's SETTINGS, keeps
 * its GOAWAY and otherwise drops what the server sends; the tests ask
 * the server's state through an ordinary gRPC client instead.
 */
final class RawHttp2Connection implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final DefaultHttp2FrameWriter writer = new DefaultHttp2FrameWriter();
    private final EmbeddedChannel encoder = new EmbeddedChannel(new ChannelDuplexHandler());
    private final ChannelHandlerContext ctx = encoder.pipeline().firstContext();
    private final Thread reader;
    private int nextStreamId = 1;
    private volatile String goAway;

    private RawHttp2Connection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        var in = new DataInputStream(socket.getInputStream());
        reader = new Thread(() -> readFrames(in), "raw-http2-reader");
        reader.setDaemon(true);
    }

    /** Connects and sends the client preface (the magic and an empty SETTINGS frame). */
    static RawHttp2Connection open(int port) throws IOException {
        var socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        var connection = new RawHttp2Connection(socket);
        Frames preface = connection.frames();
        synchronized (connection) {
            ByteBuf magic = Http2CodecUtil.connectionPrefaceBuf();
            preface.bytes.writeBytes(ByteBufUtil.getBytes(magic));
            magic.release();
            connection.writer.writeSettings(connection.ctx, new Http2Settings(), connection.ctx.newPromise());
            preface.send();
        }
        connection.reader.start(); // only now: its SETTINGS acknowledgement must follow the preface
        return connection;
    }

    /** The server's GOAWAY (its error code and debug data), or null if none came. */
    String goAway() {
        return goAway;
    }

    /** A new client stream id (odd, increasing). */
    int newStream() {
        int id = nextStreamId;
        nextStreamId += 2;
        return id;
    }

    /** The request headers of a gRPC call to {@code path} with {@code authorization: Bearer <apiKey>}. */
    static Http2Headers grpcRequest(String path, String apiKey, int port) {
        return new DefaultHttp2Headers().method("POST").scheme("http").path(path)
                .authority("127.0.0.1:" + port).add("content-type", "application/grpc").add("te", "trailers")
                .add("authorization", "Bearer " + apiKey);
    }

    /** One gRPC length-prefixed message (not compressed). */
    static byte[] grpcMessage(byte[] message) {
        return ByteBuffer.allocate(5 + message.length).put((byte) 0).putInt(message.length).put(message).array();
    }

    /** Frames to send together. */
    Frames frames() {
        return new Frames();
    }

    final class Frames {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Frames headers(int stream, Http2Headers headers, boolean endStream) {
            synchronized (RawHttp2Connection.this) {
                writer.writeHeaders(ctx, stream, headers, 0, endStream, ctx.newPromise());
                return collect();
            }
        }

        Frames data(int stream, byte[] data, boolean endStream) {
            synchronized (RawHttp2Connection.this) {
                writer.writeData(ctx, stream, Unpooled.wrappedBuffer(data), 0, endStream, ctx.newPromise());
                return collect();
            }
        }

        Frames reset(int stream, Http2Error error) {
            synchronized (RawHttp2Connection.this) {
                writer.writeRstStream(ctx, stream, error.code(), ctx.newPromise());
                return collect();
            }
        }

        /** Writes every frame collected in one write to the socket. */
        void send() throws IOException {
            synchronized (RawHttp2Connection.this) {
                collect();
                out.write(bytes.toByteArray());
                out.flush();
            }
        }

        private Frames collect() {
            ctx.flush();
            for (Object o = encoder.readOutbound(); o != null; o = encoder.readOutbound()) {
                ByteBuf buf = (ByteBuf) o;
                try {
                    buf.readBytes(bytes, buf.readableBytes());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } finally {
                    buf.release();
                }
            }
            return this;
        }
    }

    /** Acknowledges the server's SETTINGS; drops every other frame. */
    private void readFrames(DataInputStream in) {
        try {
            while (true) {
                int length = in.readUnsignedShort() << 8 | in.readUnsignedByte();
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                in.readInt(); // stream id
                byte[] payload = in.readNBytes(length);
                if (type == Http2FrameTypes.GO_AWAY && payload.length >= 8) {
                    goAway = "GOAWAY error " + ByteBuffer.wrap(payload, 4, 4).getInt() + ": "
                            + new String(payload, 8, payload.length - 8, java.nio.charset.StandardCharsets.UTF_8);
                }
                if (type == Http2FrameTypes.SETTINGS && (flags & Http2Flags.ACK) == 0) {
                    Frames ack = new Frames();
                    synchronized (this) {
                        writer.writeSettingsAck(ctx, ctx.newPromise());
                        ack.send();
                    }
                }
            }
        } catch (IOException e) {
            // the connection closed
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        encoder.finishAndReleaseAll();
    }
}
