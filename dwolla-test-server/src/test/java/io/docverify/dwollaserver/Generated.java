package io.docverify.dwollaserver;

import io.docverify.ports.contract.TestFiles;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A PNG of a given size generated on the fly (never held in memory), optionally held back after some bytes. */
final class Generated extends InputStream {
    private final long size;
    private final long holdAt;
    private final CountDownLatch release;
    private final CountDownLatch held = new CountDownLatch(1);
    private long position;

    private Generated(long size, long holdAt, CountDownLatch release) {
        this.size = size;
        this.holdAt = holdAt;
        this.release = release;
    }

    static Generated png(long size) {
        return new Generated(size, -1, null);
    }

    /** Stops after {@code holdAt} bytes until {@code release} opens. */
    static Generated pngHeldAt(long size, long holdAt, CountDownLatch release) {
        return new Generated(size, holdAt, release);
    }

    /** Opens once the stream is holding. */
    boolean awaitHeld() throws InterruptedException {
        return held.await(10, TimeUnit.SECONDS);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (position >= size) {
            return -1;
        }
        if (position == holdAt) {
            held.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        long limit = holdAt > position ? holdAt : size;
        int n = (int) Math.min(length, limit - position);
        for (int i = 0; i < n; i++) {
            long at = position + i;
            buffer[offset + i] = at < TestFiles.PNG_SIGNATURE.length ? TestFiles.PNG_SIGNATURE[(int) at]
                    : (byte) (at * 31 + (at >>> 8));
        }
        position += n;
        return n;
    }
}
