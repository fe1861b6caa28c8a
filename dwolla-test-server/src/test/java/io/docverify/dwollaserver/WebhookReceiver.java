package io.docverify.dwollaserver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A webhook receiver on 127.0.0.1 (the JDK's HTTP server) for the tests: records every request, answers with the
 * status the test chooses (by request number), and can hold its answers until released.
 */
final class WebhookReceiver implements AutoCloseable {
    /** One request received. */
    record Received(String method, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile IntUnaryOperator status = n -> 200;
    private volatile long answerAfterMillis;
    private volatile CountDownLatch gate = new CountDownLatch(0);

    /** A receiver listening on 127.0.0.1 on a free port. */
    static WebhookReceiver start() {
        try {
            return new WebhookReceiver();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** Answers the {@code n}th request (from 0) with {@code status.applyAsInt(n)}. */
    WebhookReceiver answer(IntUnaryOperator value) {
        this.status = value;
        return this;
    }

    /** Waits this long (real time) before answering. */
    WebhookReceiver answerAfter(long millis) {
        this.answerAfterMillis = millis;
        return this;
    }

    /** Holds every answer until {@link #release()}. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    /** How many requests wait for their answer now. */
    int waiting() {
        return waiting.get();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        int n = count.getAndIncrement();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(64 * 1024);
        }
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        received.add(new Received(exchange.getRequestMethod(), headers, body));
        waiting.incrementAndGet();
        try {
            gate.await(20, TimeUnit.SECONDS);
            if (answerAfterMillis > 0) {
                Thread.sleep(answerAfterMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waiting.decrementAndGet();
        }
        int code = status.applyAsInt(n);
        if (code >= 300 && code < 400) {
            exchange.getResponseHeaders().add("Location", url() + "/elsewhere");
        }
        byte[] answer = ("{\"n\":" + n + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(code, answer.length);
            exchange.getResponseBody().write(answer);
        } catch (IOException gone) {
            // the sender gave up (a timeout)
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}
