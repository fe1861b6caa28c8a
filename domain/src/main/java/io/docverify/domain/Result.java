package io.docverify.domain;

import io.docverify.domain.error.DocumentError;
import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of a command on the model: a value, or a refusal with a Dwolla code. Refusals are values inside
 * the model; {@link #orThrow()} turns them into exceptions at an edge.
 */
public sealed interface Result<T> permits Result.Ok, Result.Refused {

    static <T> Result<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Result<T> refused(DocumentError error) {
        return new Refused<>(error);
    }

    /** The value, or the refusal thrown as a {@link io.docverify.domain.error.DocumentException}. */
    T orThrow();

    /** The value mapped, a refusal passed on. */
    <R> Result<R> map(Function<? super T, ? extends R> f);

    /** The next command's result, or this refusal. */
    <R> Result<R> flatMap(Function<? super T, Result<R>> f);

    /** A success. */
    record Ok<T>(T value) implements Result<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public T orThrow() {
            return value;
        }

        @Override
        public <R> Result<R> map(Function<? super T, ? extends R> f) {
            return new Ok<>(f.apply(value));
        }

        @Override
        public <R> Result<R> flatMap(Function<? super T, Result<R>> f) {
            return f.apply(value);
        }
    }

    /** A refusal. */
    record Refused<T>(DocumentError error) implements Result<T> {
        public Refused {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public T orThrow() {
            throw error.toException();
        }

        @Override
        public <R> Result<R> map(Function<? super T, ? extends R> f) {
            return new Refused<>(error);
        }

        @Override
        public <R> Result<R> flatMap(Function<? super T, Result<R>> f) {
            return new Refused<>(error);
        }
    }
}
