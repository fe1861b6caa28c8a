package io.docverify.adapter.postgres;

import io.docverify.domain.DocumentId;
import io.docverify.ports.out.IdempotencyRecords;
import io.docverify.ports.out.KeyHash;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@link IdempotencyRecords} in PostgreSQL's {@code idempotency_records}: one row per (scope, key hash). A claim
 * is one {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE} (the row is taken over only when it is past the window,
 * or its lease ran out for the same request), so of two claims at once, on one replica or two, exactly one wins.
 * Records past the window are not read as records; {@link #prune} deletes them. Not bounded by count: the window and
 * pruning bound it.
 */
public final class PostgresIdempotencyRecords implements IdempotencyRecords {
    private static final int MAX_FINGERPRINT = 128;

    private final Pool pool;
    private final Clock clock;
    private final Duration window;
    private final Duration limit;

    PostgresIdempotencyRecords(Pool pool, Clock clock, Duration window, Duration limit) {
        this.pool = pool;
        this.clock = clock;
        this.window = window;
        this.limit = limit;
    }

    @Override
    public CompletionStage<Claim> claim(String scope, KeyHash key, String fingerprint, Duration lease) {
        Token token;
        try {
            token = new Token(scope, key, UUID.randomUUID().toString());
            Objects.requireNonNull(fingerprint, "fingerprint");
            if (fingerprint.isEmpty() || fingerprint.length() > MAX_FINGERPRINT) {
                throw new IllegalArgumentException("a fingerprint is 1 to " + MAX_FINGERPRINT + " characters");
            }
            positive(lease);
        } catch (IllegalArgumentException | NullPointerException e) {
            return CompletableFuture.failedFuture(e);
        }
        return Sql.call(attempt(token, fingerprint, lease, 3), limit, "the idempotency records could not claim a key");
    }

    /** One claim; if the row it lost to is gone before it is read (released at that moment), claims again. */
    private Future<Claim> attempt(Token token, String fingerprint, Duration lease, int tries) {
        Instant now = clock.instant();
        Tuple args = Tuple.of(token.scope(), token.key().hex(), fingerprint, Sql.time(now), token.claim(),
                Sql.time(now.plus(lease))).addValue(Sql.time(now.minus(window)));
        return pool.preparedQuery("INSERT INTO idempotency_records AS r"
                + " (scope, key_sha256, fingerprint, claimed_at, holder, lease_until)"
                + " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (scope, key_sha256) DO UPDATE"
                + " SET fingerprint = EXCLUDED.fingerprint, claimed_at = EXCLUDED.claimed_at, holder = EXCLUDED.holder,"
                + " lease_until = EXCLUDED.lease_until, document_id = NULL"
                + " WHERE r.claimed_at <= $7"
                + " OR (r.document_id IS NULL AND r.lease_until <= $4 AND r.fingerprint = EXCLUDED.fingerprint)"
                + " RETURNING holder").execute(args)
                .compose(claimed -> {
                    if (claimed.rowCount() == 1) {
                        return Future.succeededFuture(new Claimed(token));
                    }
                    return pool.preparedQuery("SELECT fingerprint, lease_until, document_id FROM idempotency_records"
                            + " WHERE scope = $1 AND key_sha256 = $2 AND claimed_at > $3")
                            .execute(Tuple.of(token.scope(), token.key().hex(), Sql.time(now.minus(window))))
                            .compose(rows -> {
                                if (rows.rowCount() == 0) {
                                    return tries > 1 ? attempt(token, fingerprint, lease, tries - 1)
                                            : Future.failedFuture(new IllegalStateException(
                                                    "an idempotency key kept changing hands while claimed"));
                                }
                                return Future.succeededFuture(existing(rows.iterator().next(), fingerprint));
                            });
                });
    }

    private static Claim existing(Row row, String fingerprint) {
        if (!row.getString("fingerprint").equals(fingerprint)) {
            return new Mismatch();
        }
        String document = row.getString("document_id");
        return document != null ? new Completed(new DocumentId(document))
                : new Running(Sql.instant(row.getOffsetDateTime("lease_until")));
    }

    @Override
    public CompletionStage<Boolean> complete(Token token, DocumentId document) {
        Objects.requireNonNull(document, "document");
        return held(token, "UPDATE idempotency_records SET document_id = $6, holder = NULL", document.value(),
                "the idempotency records could not complete a claim");
    }

    @Override
    public CompletionStage<Boolean> release(Token token) {
        return held(token, "DELETE FROM idempotency_records", null, "the idempotency records could not release a claim");
    }

    @Override
    public CompletionStage<Boolean> renew(Token token, Duration lease) {
        try {
            positive(lease);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return held(token, "UPDATE idempotency_records SET lease_until = $6",
                Sql.time(clock.instant().plus(lease)), "the idempotency records could not renew a claim");
    }

    @Override
    public CompletionStage<Integer> prune(Instant before) {
        Objects.requireNonNull(before, "before");
        var pruned = pool.preparedQuery("DELETE FROM idempotency_records WHERE claimed_at < $1")
                .execute(Tuple.of(Sql.time(before))).map(rows -> rows.rowCount());
        return Sql.call(pruned, limit, "the idempotency records could not prune");
    }

    /** Runs {@code change} ({@code $6} its value) on the row {@code token} holds now; true if it did. */
    private CompletionStage<Boolean> held(Token token, String change, Object value, String what) {
        Objects.requireNonNull(token, "token");
        Instant now = clock.instant();
        Tuple args = Tuple.of(token.scope(), token.key().hex(), token.claim(), Sql.time(now),
                Sql.time(now.minus(window)));
        String sql = change + " WHERE scope = $1 AND key_sha256 = $2 AND holder = $3 AND document_id IS NULL"
                + " AND lease_until > $4 AND claimed_at > $5";
        if (value != null) {
            args.addValue(value);
        }
        return Sql.call(pool.preparedQuery(sql).execute(args).map(rows -> rows.rowCount() == 1), limit, what);
    }

    private static void positive(Duration lease) {
        Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("a lease must be more than zero: " + lease);
        }
    }
}
