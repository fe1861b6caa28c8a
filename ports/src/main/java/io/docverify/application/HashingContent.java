package io.docverify.application;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An upload's content passed through unchanged, its bytes counted and hashed (SHA-256) on the way, for the journal:
 * the bytes received and, once the content completed, their digest. Chunks are read through a duplicate, so their
 * positions are untouched. One subscriber, as the content it wraps.
 */
final class HashingContent implements Flow.Publisher<ByteBuffer> {
    private final Flow.Publisher<ByteBuffer> content;
    private final MessageDigest digest = sha256();
    private final AtomicLong bytes = new AtomicLong();
    private volatile String completedHex;

    HashingContent(Flow.Publisher<ByteBuffer> content) {
        this.content = Objects.requireNonNull(content, "content");
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Takes {@code chunk} into the count and the digest (signals are serial, so is this). */
    void take(ByteBuffer chunk) {
        bytes.addAndGet(chunk.remaining());
        synchronized (digest) {
            digest.update(chunk.duplicate());
        }
    }

    /** The content completed: its digest is final. */
    void completed() {
        synchronized (digest) {
            completedHex = HexFormat.of().formatHex(digest.digest());
        }
    }

    /** The bytes that went through. */
    long bytes() {
        return bytes.get();
    }

    /** The SHA-256 of the content, in lower-case hex, once it completed. */
    Optional<String> sha256Hex() {
        return Optional.ofNullable(completedHex);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        content.subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuffer chunk) {
                take(chunk);
                subscriber.onNext(chunk);
            }

            @Override
            public void onError(Throwable error) {
                subscriber.onError(error);
            }

            @Override
            public void onComplete() {
                completed();
                subscriber.onComplete();
            }
        });
    }
}
