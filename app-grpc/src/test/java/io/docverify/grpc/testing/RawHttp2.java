package io.docverify.grpc.testing;

import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Error;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Exception;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/2 client (h2c, prior knowledge) written frame by frame on a plain socket (RFC 9113), so a test can put on
 * the wire what no gRPC library would: a socket that stays silent or sends only the magic, oversized or malformed
 * headers, a new stream after GOAWAY, END_STREAM and RST_STREAM in one packet, streams opened and reset as fast as
 * the socket takes them. HPACK is Netty's (shaded in grpc-netty-shaded).
 *
 * <p>A reader thread acknowledges the server's SETTINGS (once the client's own SETTINGS went out: a silent socket
 * stays silent), keeps its GOAWAY, notes when the connection closes and queues the frames for {@link #awaitEnd}. It
 * never answers the server's PINGs, like a client that ignores a graceful GOAWAY. Frames collected with
 * {@link #frames()} go out in one write. Not for concurrent use by several test threads.
 */
public final class RawHttp2 implements AutoCloseable {
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_FRAME = 16384;
    private static final int DATA = 0x0;
    private static final int HEADERS = 0x1;
    private static final int RST_STREAM = 0x3;
    private static final int SETTINGS = 0x4;
    private static final int GOAWAY = 0x7;
    private static final int END_STREAM = 0x1;
    private static final int ACK = 0x1;
    private static final int END_HEADERS = 0x4;

    /** How a stream ended: its trailers' grpc-status, a RST_STREAM code, or the connection going away. */
    public record End(Optional<Integer> grpcStatus, Optional<String> grpcMessage, Optional<Long> resetCode,
            boolean connectionClosed, Optional<Integer> httpStatus) {
    }

    /** A GOAWAY the server sent: its error code and debug data, and how many resets the client had written. */
    public record GoAway(long errorCode, String debugData, int resetsWritten) {
    }

    private record Frame(int type, int flags, int stream, byte[] payload) {
    }

    private final Socket socket;
    private final OutputStream out;
    private final DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder();
    private final DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false);
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Long> closed = new CompletableFuture<>();
    private final CompletableFuture<GoAway> goAway = new CompletableFuture<>();
    private final AtomicInteger resetsSent = new AtomicInteger();
    private final long connectedAt = System.nanoTime();
    private final Thread reader;
    private volatile boolean settingsSent;
    private int nextStreamId = 1;

    private RawHttp2(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.reader = new Thread(this::readLoop, "raw-http2-reader");
        reader.setDaemon(true);
    }

    /** Connects to 127.0.0.1:{@code port} and sends the preface: the magic and an empty SETTINGS frame. */
    public static RawHttp2 connect(int port) {
        RawHttp2 client = open(port);
        client.write(PREFACE);
        client.frames().settings().send();
        // Only now: the reader ACKs the server's SETTINGS, and an ACK before the preface is a protocol error
        // (the server closes the connection: seen as a rare "Broken pipe" in these tests).
        client.reader.start();
        return client;
    }

    /** Connects and sends nothing. */
    public static RawHttp2 silent(int port) {
        RawHttp2 client = open(port);
        client.reader.start();
        return client;
    }

    /** Connects and sends the magic of the preface only, no SETTINGS (so it never acknowledges the server's). */
    public static RawHttp2 magicOnly(int port) {
        RawHttp2 client = silent(port);
        client.write(PREFACE);
        return client;
    }

    private static RawHttp2 open(int port) {
        try {
            var socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            return new RawHttp2(socket);
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

    /** One gRPC length-prefixed message (not compressed). */
    public static byte[] grpcMessage(byte[] message) {
        return ByteBuffer.allocate(5 + message.length).put((byte) 0).putInt(message.length).put(message).array();
    }

    /** A new client stream id (odd, increasing). */
    public int newStream() {
        int id = nextStreamId;
        nextStreamId += 2;
        return id;
    }

    /** Frames to send together, in one write. */
    public Frames frames() {
        return new Frames();
    }

    /** Sends a HEADERS frame (one frame: the block must fit the default 16 KiB frame size). */
    public void headers(int stream, Http2Headers headers, boolean endStream) {
        frames().headers(stream, headers, endStream).send();
    }

    /** Sends one gRPC message (uncompressed length-prefixed) in DATA frames of at most 16 KiB. */
    public void message(int stream, byte[] message, boolean endStream) {
        frames().data(stream, grpcMessage(message), endStream).send();
    }

    /** Sends a gRPC message header declaring {@code length} bytes, and nothing of the body. */
    public void messageHeader(int stream, int length) {
        frames().data(stream, ByteBuffer.allocate(5).put((byte) 0).putInt(length).array(), false).send();
    }

    /** Frames collected to go out in one write. */
    public final class Frames {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean settings;

        public Frames headers(int stream, Http2Headers headers, boolean endStream) {
            ByteBuf block = Unpooled.buffer();
            try {
                synchronized (RawHttp2.this) { // the HPACK state is the connection's
                    encoder.encodeHeaders(stream, headers, block);
                }
                byte[] encoded = new byte[block.readableBytes()];
                block.readBytes(encoded);
                return frame(HEADERS, END_HEADERS | (endStream ? END_STREAM : 0), stream, encoded);
            } catch (Http2Exception e) {
                throw new IllegalStateException(e);
            } finally {
                block.release();
            }
        }

        /** {@code data} in DATA frames of at most 16 KiB (one empty frame if it is empty). */
        public Frames data(int stream, byte[] data, boolean endStream) {
            int at = 0;
            do {
                int n = Math.min(MAX_FRAME, data.length - at);
                frame(DATA, endStream && at + n == data.length ? END_STREAM : 0, stream,
                        Arrays.copyOfRange(data, at, at + n));
                at += n;
            } while (at < data.length);
            return this;
        }

        public Frames reset(int stream, Http2Error error) {
            return frame(RST_STREAM, 0, stream, ByteBuffer.allocate(4).putInt((int) error.code()).array());
        }

        Frames settings() {
            settings = true;
            return frame(SETTINGS, 0, 0, new byte[0]);
        }

        Frames frame(int type, int flags, int stream, byte[] payload) {
            var header = ByteBuffer.allocate(9);
            header.put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length);
            header.put((byte) type).put((byte) flags).putInt(stream & 0x7fffffff);
            bytes.writeBytes(header.array());
            bytes.writeBytes(payload);
            return this;
        }

        /** Writes every frame collected in one write to the socket. */
        public void send() {
            synchronized (RawHttp2.this) {
                write(bytes.toByteArray());
                if (settings) {
                    settingsSent = true;
                }
            }
        }
    }

    /**
     * Opens {@code count} streams (HEADERS of a gRPC call with {@code path}) and resets each at once
     * (RST_STREAM CANCEL), in batches of 100 a millisecond apart (so the socket's buffers do not hide when the
     * server reacted), until done, the server's GOAWAY, or the connection breaks; returns how many were reset.
     */
    public int rapidReset(int count, String path) {
        byte[] headerBlock = statelessHeaderBlock(path);
        Frames batch = frames();
        try {
            for (int i = 0; i < count; i++) {
                int stream = 2 * i + 1;
                batch.frame(HEADERS, END_HEADERS | END_STREAM, stream, headerBlock).reset(stream, Http2Error.CANCEL);
                if (i % 100 == 99 || i == count - 1) {
                    batch.send();
                    resetsSent.set(i + 1);
                    batch = frames();
                    if (goAway.isDone()) {
                        break;
                    }
                    Thread.sleep(1);
                }
            }
        } catch (UncheckedIOException e) {
            // the server closed the connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return resetsSent.get();
    }

    /**
     * A header block that uses no HPACK dynamic table (static entries and literals without indexing, RFC 7541
     * 6.2.2, no Huffman; short strings only), so the same bytes can open any number of streams.
     */
    private static byte[] statelessHeaderBlock(String path) {
        var block = new ByteArrayOutputStream();
        block.write(0x83); // :method POST (static table 3)
        block.write(0x86); // :scheme http (static table 6)
        for (String[] field : new String[][] {{":path", path}, {":authority", "localhost"},
                {"content-type", "application/grpc"}, {"te", "trailers"}}) {
            block.write(0x00);
            for (String s : field) {
                byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
                block.write(bytes.length);
                block.writeBytes(bytes);
            }
        }
        return block.toByteArray();
    }

    /** The server's GOAWAY, once it came. */
    public CompletableFuture<GoAway> goAway() {
        return goAway;
    }

    /** Completes when the server closes the connection, with the millisecond it did, counted from connecting. */
    public CompletableFuture<Long> closed() {
        return closed;
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

    private synchronized void write(byte[] bytes) {
        try {
            out.write(bytes);
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
                if (type == SETTINGS && (flags & ACK) == 0 && settingsSent) {
                    frames().frame(SETTINGS, ACK, 0, new byte[0]).send();
                } else if (type == GOAWAY && length >= 8) {
                    var p = ByteBuffer.wrap(payload);
                    goAway.complete(new GoAway(p.getInt(4) & 0xffffffffL,
                            new String(payload, 8, length - 8, StandardCharsets.UTF_8), resetsSent.get()));
                }
                frames.add(new Frame(type, flags, stream, payload));
            }
        } catch (IOException | RuntimeException e) {
            closed.complete((System.nanoTime() - connectedAt) / 1_000_000);
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
