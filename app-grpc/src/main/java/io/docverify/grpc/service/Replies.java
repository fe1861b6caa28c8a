package io.docverify.grpc.service;

import io.docverify.domain.error.DocumentException;
import io.docverify.grpc.error.ErrorMapping;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a unary call answers: the use case's stage mapped to the response, or its failure through
 * {@link ErrorMapping}. Refusals are logged with their code only; unexpected failures with their stack trace
 * (never with request data).
 */
final class Replies {
    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

    private Replies() {
    }

    /**
     * Answers {@code observer} with the stage {@code call} returns. Bad input that {@code call} throws while
     * reading the request (a {@link DocumentException}) is answered the same way as a failed stage.
     */
    static <T, R> void unary(String operation, StreamObserver<R> observer, Supplier<CompletionStage<T>> call,
            Function<T, R> toResponse) {
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            fail(operation, observer, e);
            return;
        }
        stage.whenComplete((value, error) -> {
            if (error != null) {
                fail(operation, observer, error);
                return;
            }
            R response;
            try {
                response = toResponse.apply(value);
            } catch (RuntimeException e) {
                fail(operation, observer, e);
                return;
            }
            observer.onNext(response);
            observer.onCompleted();
        });
    }

    static void fail(String operation, StreamObserver<?> observer, Throwable error) {
        logFailure(operation, error);
        observer.onError(ErrorMapping.toStatusException(error));
    }

    static void logFailure(String operation, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (ErrorMapping.isUnexpected(cause)) {
            LOG.atError().addKeyValue("event", operation + ".failed").setCause(cause).log("unexpected failure");
        } else if (cause instanceof DocumentException e) {
            LOG.atInfo().addKeyValue("event", operation + ".refused").addKeyValue("code", e.error().wireCode())
                    .log("request refused");
        }
    }
}
