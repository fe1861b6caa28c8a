package io.docverify.grpc.service;

import io.docverify.domain.error.DocumentException;
import io.docverify.grpc.error.ErrorMapping;
import io.docverify.grpc.security.Caller;
import io.docverify.ports.out.StoreUnavailableException;
import io.docverify.ports.stream.Completions;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a unary call answers: the use case's stage mapped to the response, or its failure through
 * {@link ErrorMapping}. Refusals are logged with their code only; unexpected failures with their stack trace
 * (never with request data). Every line names the caller: the name of its API key ({@link Caller}), taken on the
 * call's thread, since the stage may complete on another one where the call's gRPC context is not current.
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
        String caller = Caller.current();
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            fail(operation, caller, observer, e);
            return;
        }
        stage.whenComplete((value, error) -> {
            if (error != null) {
                fail(operation, caller, observer, error);
                return;
            }
            R response;
            try {
                response = toResponse.apply(value);
            } catch (RuntimeException e) {
                fail(operation, caller, observer, e);
                return;
            }
            observer.onNext(response);
            observer.onCompleted();
        });
    }

    /** Answers with the error and logs it; on the call's thread (the caller is read from its context). */
    static void fail(String operation, StreamObserver<?> observer, Throwable error) {
        fail(operation, Caller.current(), observer, error);
    }

    /** Answers with the error and logs it, naming {@code caller}. */
    static void fail(String operation, String caller, StreamObserver<?> observer, Throwable error) {
        logFailure(operation, caller, error);
        observer.onError(ErrorMapping.toStatusException(error));
    }

    /** Logs a failure; on the call's thread (the caller is read from its context). */
    static void logFailure(String operation, Throwable error) {
        logFailure(operation, Caller.current(), error);
    }

    /**
     * Logs a failure naming {@code caller}: a refusal with its code, a store outage as one WARN line, anything
     * unexpected with its stack trace.
     */
    static void logFailure(String operation, String caller, Throwable error) {
        Throwable cause = Completions.unwrap(error);
        if (ErrorMapping.isUnexpected(cause)) {
            LOG.atError().addKeyValue("event", operation + ".failed").addKeyValue("caller", caller).setCause(cause)
                    .log("unexpected failure");
        } else if (cause instanceof StoreUnavailableException) {
            // An outage, not the caller's mistake nor a bug: one line, no stack (the store logs its own cause).
            LOG.atWarn().addKeyValue("event", operation + ".unavailable").addKeyValue("caller", caller)
                    .log("docverify's own store is unavailable");
        } else if (cause instanceof DocumentException e) {
            LOG.atInfo().addKeyValue("event", operation + ".refused").addKeyValue("caller", caller)
                    .addKeyValue("code", e.error().wireCode()).log("request refused");
        }
    }
}
