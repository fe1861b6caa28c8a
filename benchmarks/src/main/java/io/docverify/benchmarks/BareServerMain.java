package io.docverify.benchmarks;

/**
 * The cold-start baseline: a bare grpc-java server (Netty, health service) on {@code 127.0.0.1:PORT}, run as its
 * own JVM like the docverify jar: {@code java -cp benchmarks.jar io.docverify.benchmarks.BareServerMain PORT}.
 */
public final class BareServerMain {
    private BareServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        BareServer server = BareServer.start(Integer.parseInt(args[0]));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("bare listening on 127.0.0.1:" + server.port());
        Thread.currentThread().join();
    }
}
