package io.docverify.grpc.connection;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw HTTP/2 client over a plain socket, frames written by hand (RFC 9113), for what no gRPC client does:
 * connect and stay silent, send only the preface, or open and reset streams as fast as the socket takes them.
 * A reader thread records the server's GOAWAY and the end of the connection.
 */
final class RawHttp2 implements AutoCloseable {
    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADERS = 0x1;
    private static final int RST_STREAM = 0x3;
    private static final int SETTINGS = 0x4;
    private static final int GOAWAY = 0x7;
    private static final int END_HEADERS = 0x4;
    private static final int END_STREAM = 0x1;
    private static final int CANCEL = 0x8;

    /** A GOAWAY the server sent: its error code and debug data, and how many resets the client had written. */
    record GoAway(long errorCode, String debugData, int resetsWritten) {
    }

    private final Socket socket;
    private final OutputStream out;
    /** Completes when the server closes the connection (with the millisecond it did, from connecting). */
    final CompletableFuture<Long> closed = new CompletableFuture<>();
    final CompletableFuture<GoAway> goAway = new CompletableFuture<>();
    final AtomicInteger resetsSent = new AtomicInteger();
    private final long connectedAt = System.nanoTime();
    /** The server's SETTINGS are acknowledged only after the client's preface: a silent socket stays silent. */
    private volatile boolean prefaceSent;

    private RawHttp2(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        Thread reader = new Thread(this::read, "raw-http2-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects and sends nothing. */
    static RawHttp2 silent(int port) throws IOException {
        return new RawHttp2(new Socket("127.0.0.1", port));
    }

    /** Connects and sends the client preface (the magic, and an empty SETTINGS frame if {@code settings}). */
    static RawHttp2 preface(int port, boolean settings) throws IOException {
        var client = new RawHttp2(new Socket("127.0.0.1", port));
        synchronized (client) {
            client.out.write(PREFACE);
            if (settings) {
                client.frame(SETTINGS, 0, 0, new byte[0]);
                client.prefaceSent = true;
            }
            client.out.flush();
        }
        return client;
    }

    /**
     * Opens {@code count} streams (HEADERS of a gRPC call with {@code path}) and resets each at once
     * (RST_STREAM CANCEL), in batches of 100 a millisecond apart (so the socket's buffers do not hide when the
     * server reacted), until done, the server's GOAWAY, or the connection breaks; returns how many were reset.
     */
    int rapidReset(int count, String path) {
        byte[] headerBlock = headerBlock(path);
        var batch = new ByteArrayOutputStream();
        try {
            for (int i = 0; i < count; i++) {
                int stream = 2 * i + 1;
                batch.write(frameBytes(HEADERS, END_HEADERS | END_STREAM, stream, headerBlock));
                batch.write(frameBytes(RST_STREAM, 0, stream, new byte[] {0, 0, 0, CANCEL}));
                if (i % 100 == 99 || i == count - 1) {
                    synchronized (this) {
                        out.write(batch.toByteArray());
                        out.flush();
                    }
                    resetsSent.set(i + 1);
                    batch.reset();
                    if (goAway.isDone()) {
                        break;
                    }
                    Thread.sleep(1);
                }
            }
        } catch (IOException e) {
            // the server closed the connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return resetsSent.get();
    }

    private static byte[] headerBlock(String path) {
        var block = new ByteArrayOutputStream();
        block.write(0x83); // :method POST (static table 3)
        block.write(0x86); // :scheme http (static table 6)
        literal(block, ":path", path);
        literal(block, ":authority", "localhost");
        literal(block, "content-type", "application/grpc");
        literal(block, "te", "trailers");
        return block.toByteArray();
    }

    /** A literal header field without indexing, new name, no Huffman (RFC 7541 6.2.2); short strings only. */
    private static void literal(ByteArrayOutputStream block, String name, String value) {
        block.write(0x00);
        for (String s : new String[] {name, value}) {
            byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
            block.write(bytes.length);
            block.writeBytes(bytes);
        }
    }

    private void frame(int type, int flags, int stream, byte[] payload) throws IOException {
        out.write(frameBytes(type, flags, stream, payload));
    }

    private static byte[] frameBytes(int type, int flags, int stream, byte[] payload) {
        byte[] frame = new byte[9 + payload.length];
        frame[0] = (byte) (payload.length >>> 16);
        frame[1] = (byte) (payload.length >>> 8);
        frame[2] = (byte) payload.length;
        frame[3] = (byte) type;
        frame[4] = (byte) flags;
        frame[5] = (byte) (stream >>> 24);
        frame[6] = (byte) (stream >>> 16);
        frame[7] = (byte) (stream >>> 8);
        frame[8] = (byte) stream;
        System.arraycopy(payload, 0, frame, 9, payload.length);
        return frame;
    }

    private void read() {
        try {
            var in = new DataInputStream(socket.getInputStream());
            byte[] first = new byte[9];
            while (true) {
                in.readFully(first);
                int length = ((first[0] & 0xff) << 16) | ((first[1] & 0xff) << 8) | (first[2] & 0xff);
                int type = first[3];
                int flags = first[4];
                byte[] payload = new byte[length];
                in.readFully(payload);
                if (type == SETTINGS && (flags & 0x1) == 0 && prefaceSent) {
                    synchronized (this) {
                        frame(SETTINGS, 0x1, 0, new byte[0]); // ACK
                        out.flush();
                    }
                } else if (type == GOAWAY && length >= 8) {
                    long code = ((payload[4] & 0xffL) << 24) | ((payload[5] & 0xff) << 16)
                            | ((payload[6] & 0xff) << 8) | (payload[7] & 0xff);
                    goAway.complete(new GoAway(code, new String(payload, 8, length - 8, StandardCharsets.US_ASCII),
                            resetsSent.get()));
                }
            }
        } catch (IOException e) {
            closed.complete((System.nanoTime() - connectedAt) / 1_000_000);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
