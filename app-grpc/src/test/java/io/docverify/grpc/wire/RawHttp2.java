package io.docverify.grpc.wire;

import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Exception;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Headers;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/2 (h2c, prior knowledge) client written frame by frame on a plain socket, so a test can send what no
 * gRPC library would: oversized or malformed headers, a new stream after GOAWAY. HPACK is Netty's (shaded in
 * grpc-netty-shaded). It never answers the server's PINGs, like a client that ignores a graceful GOAWAY.
 */
public final class RawHttp2 implements AutoCloseable {
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DATA = 0x0;
    private static final int HEADERS = 0x1;
    private static final int RST_STREAM = 0x3;
    private static final int SETTINGS = 0x4;
    private static final int GOAWAY = 0x7;
    private static final int END_STREAM = 0x1;
    private static final int END_HEADERS = 0x4;

    /** How a stream ended: its trailers' grpc-status, a RST_STREAM code, or the connection going away. */
    public record End(Optional<Integer> grpcStatus, Optional<String> grpcMessage, Optional<Long> resetCode,
            boolean connectionClosed, Optional<Integer> httpStatus) {
    }

    private record Frame(int type, int flags, int stream, byte[] payload) {
    }

    private final Socket socket;
    private final OutputStream out;
    private final DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder();
    private final DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false);
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private volatile boolean goAwayReceived;
    private final Thread reader;

    private RawHttp2(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.reader = new Thread(this::readLoop, "raw-http2-reader");
        reader.setDaemon(true);
    }

    /** Connects to 127.0.0.1:{@code port} and sends the preface and an empty SETTINGS frame. */
    public static RawHttp2 connect(int port) {
        try {
            var socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            var client = new RawHttp2(socket);
            synchronized (client) {
                client.out.write(PREFACE);
                client.frame(SETTINGS, 0, 0, new byte[0]);
            }
            // Only now: the reader ACKs the server's SETTINGS, and an ACK before the preface is a protocol error
            // (the server closes the connection: seen as a rare "Broken pipe" in these tests).
            client.reader.start();
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request headers of a gRPC call to {@code fullMethodName}; add to them before sending. */
    public static Http2Headers grpcRequest(String fullMethodName) {
        return new DefaultHttp2Headers().method("POST").scheme("http").authority("127.0.0.1")
                .path("/" + fullMethodName).add("content-type", "application/grpc").add("te", "trailers");
    }

    /** Headers with the given extra entries. */
    public static Http2Headers with(Http2Headers headers, Map<String, String> extra) {
        extra.forEach(headers::add);
        return headers;
    }

    /** Sends a HEADERS frame (one frame: the block must fit the default 16 KiB frame size). */
    public synchronized void headers(int stream, Http2Headers headers, boolean endStream) {
        ByteBuf block = Unpooled.buffer();
        try {
            encoder.encodeHeaders(stream, headers, block);
            byte[] bytes = new byte[block.readableBytes()];
            block.readBytes(bytes);
            frame(HEADERS, END_HEADERS | (endStream ? END_STREAM : 0), stream, bytes);
        } catch (Http2Exception e) {
            throw new IllegalStateException(e);
        } finally {
            block.release();
        }
    }

    /** Sends one gRPC message (uncompressed length-prefixed) in DATA frames of at most 16 KiB. */
    public synchronized void message(int stream, byte[] message, boolean endStream) {
        ByteBuffer framed = ByteBuffer.allocate(5 + message.length).put((byte) 0).putInt(message.length)
                .put(message);
        byte[] all = framed.array();
        for (int at = 0; at < all.length; at += 16384) {
            int n = Math.min(16384, all.length - at);
            byte[] part = java.util.Arrays.copyOfRange(all, at, at + n);
            frame(DATA, endStream && at + n == all.length ? END_STREAM : 0, stream, part);
        }
    }

    /** Sends a gRPC message header declaring {@code length} bytes, and nothing of the body. */
    public synchronized void messageHeader(int stream, int length) {
        frame(DATA, 0, stream, ByteBuffer.allocate(5).put((byte) 0).putInt(length).array());
    }

    /** True once the server sent GOAWAY. */
    public boolean goAwayReceived() {
        return goAwayReceived;
    }

    /** Waits for the end of {@code stream}. */
    public End awaitEnd(int stream, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<Integer> status = Optional.empty();
        Optional<String> message = Optional.empty();
        Optional<Integer> http = Optional.empty();
        while (System.nanoTime() < deadline) {
            Frame f = frames.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (f == null) {
                break;
            }
            if (f.type() < 0) {
                return new End(status, message, Optional.empty(), true, http);
            }
            if (f.stream() != stream) {
                continue;
            }
            if (f.type() == HEADERS) {
                Http2Headers h = decode(f);
                if (h.status() != null) {
                    http = Optional.of(Integer.parseInt(h.status().toString()));
                }
                CharSequence s = h.get("grpc-status");
                if (s != null) {
                    status = Optional.of(Integer.parseInt(s.toString()));
                    message = Optional.ofNullable(h.get("grpc-message")).map(CharSequence::toString);
                }
                if ((f.flags() & END_STREAM) != 0) {
                    return new End(status, message, Optional.empty(), false, http);
                }
            } else if (f.type() == DATA && (f.flags() & END_STREAM) != 0) {
                return new End(status, message, Optional.empty(), false, http);
            } else if (f.type() == RST_STREAM) {
                long code = ByteBuffer.wrap(f.payload()).getInt() & 0xffffffffL;
                return new End(status, message, Optional.of(code), false, http);
            }
        }
        throw new AssertionError("stream " + stream + " did not end within " + timeout);
    }

    private Http2Headers decode(Frame f) {
        try {
            return decoder.decodeHeaders(f.stream(), Unpooled.wrappedBuffer(f.payload()));
        } catch (Http2Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void frame(int type, int flags, int stream, byte[] payload) {
        try {
            var header = ByteBuffer.allocate(9);
            header.put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length);
            header.put((byte) type).put((byte) flags).putInt(stream & 0x7fffffff);
            out.write(header.array());
            out.write(payload);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readLoop() {
        try {
            var in = new DataInputStream(socket.getInputStream());
            while (true) {
                int length = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                int stream = in.readInt() & 0x7fffffff;
                byte[] payload = new byte[length];
                in.readFully(payload);
                if (type == SETTINGS && (flags & 0x1) == 0) {
                    synchronized (this) {
                        frame(SETTINGS, 0x1, 0, new byte[0]); // ACK
                    }
                } else if (type == GOAWAY) {
                    goAwayReceived = true;
                }
                frames.add(new Frame(type, flags, stream, payload));
            }
        } catch (IOException | RuntimeException e) {
            frames.add(new Frame(-1, 0, 0, new byte[0]));
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
