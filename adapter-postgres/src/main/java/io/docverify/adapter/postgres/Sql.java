package io.docverify.adapter.postgres;

import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.OwnerId;
import io.docverify.ports.out.StoreUnavailableException;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What every store shares: the time limit on a statement, the mapping of failures, and the values' columns. */
final class Sql {
    /** PostgreSQL's {@code unique_violation}. */
    static final String UNIQUE_VIOLATION = "23505";

    private Sql() {
    }

    /**
     * The statement's result as a stage that fails within {@code limit} (beyond the server's own statement
     * timeout, for a connection that went silent); a failure of the database, the connection or the time limit
     * becomes {@link StoreUnavailableException} naming {@code what}. An {@link IllegalArgumentException} or
     * {@link IllegalStateException} of the store's own stays as it is.
     */
    static <T> CompletionStage<T> call(Future<T> statement, Duration limit, String what) {
        CompletableFuture<T> result = new CompletableFuture<>();
        statement.toCompletionStage().toCompletableFuture().orTimeout(limit.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((value, failure) -> {
                    if (failure == null) {
                        result.complete(value);
                    } else {
                        result.completeExceptionally(unavailable(failure, what));
                    }
                });
        return result;
    }

    /** {@code failure} as a store's answer: its own argument errors as they are, everything else unavailable. */
    static Throwable unavailable(Throwable failure, String what) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException
                || cause instanceof StoreUnavailableException) {
            return cause;
        }
        String reason = cause instanceof TimeoutException ? "no answer in time"
                : cause instanceof PgException pg ? "database error " + pg.getSqlState()
                : cause.getClass().getSimpleName();
        return new StoreUnavailableException(what + ": " + reason, cause);
    }

    /** Whether {@code failure} is (or is caused by) PostgreSQL's {@code sqlState}. */
    static boolean is(Throwable failure, String sqlState) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && sqlState.equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    static OwnerId owner(String kind, String id) {
        return switch (kind) {
            case "customer" -> new CustomerId(id);
            case "beneficial-owner" -> new BeneficialOwnerId(id);
            default -> throw new IllegalStateException("an owner kind the schema does not allow: " + kind);
        };
    }
}
