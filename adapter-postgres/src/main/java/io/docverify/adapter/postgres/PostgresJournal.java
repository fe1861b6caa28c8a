package io.docverify.adapter.postgres;

import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.OwnerId;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.OwnerStatus;
import io.docverify.domain.review.FailureReason;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.ports.out.DocumentChange;
import io.docverify.ports.out.HistoryPage;
import io.docverify.ports.out.HistoryQuery;
import io.docverify.ports.out.Journal;
import io.docverify.ports.out.JournalEntry;
import io.docverify.ports.out.JournalEntry.AttemptStatus;
import io.docverify.ports.out.KeyHash;
import io.docverify.ports.out.UploadAttempt;
import io.docverify.ports.out.UploadOutcome;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@link Journal} in PostgreSQL's {@code journal} table: one row per entry, its sequence an identity column (so
 * unique and increasing, with gaps where an insert failed), never updated, and deleted only by {@link #prune} (a
 * trigger refuses an {@code UPDATE} always, and a {@code DELETE} outside a transaction that set
 * {@code docverify.journal_prune}).
 * Times come from the clock it is given (the replicas' clocks are assumed in step, as for the leases).
 */
public final class PostgresJournal implements Journal {
    private static final String COLUMNS = "j.sequence, j.kind, j.at, j.owner_kind, j.owner_id, j.document_id,"
            + " j.document_type, j.caller_key, j.idempotency_key_sha256, j.declared_size, j.declared_sha256,"
            + " j.replica, j.attempt_id, j.outcome, j.size_bytes, j.content_sha256, j.change, j.decision, j.reasons,"
            + " j.owner_status, j.source, j.provider_event_id,"
            + " CASE WHEN j.kind <> 'upload_started' THEN NULL"
            + " WHEN EXISTS (SELECT 1 FROM journal e WHERE e.kind = 'upload_ended' AND e.attempt_id = j.sequence)"
            + " THEN 'ENDED'"
            + " WHEN EXISTS (SELECT 1 FROM replica_leases l WHERE l.replica = j.replica AND l.expires_at > $1)"
            + " THEN 'RUNNING' ELSE 'ABANDONED' END AS status";

    private final Pool pool;
    private final Clock clock;
    private final Duration limit;

    PostgresJournal(Pool pool, Clock clock, Duration limit) {
        this.pool = pool;
        this.clock = clock;
        this.limit = limit;
    }

    @Override
    public CompletionStage<Long> uploadStarted(UploadAttempt a) {
        Objects.requireNonNull(a, "attempt");
        Tuple row = Tuple.of(Sql.time(a.startedAt()), a.owner().kind(), a.owner().value(), a.type().wire(),
                a.callerKey(), a.idempotencyKey().map(KeyHash::hex).orElse(null))
                .addValue(a.declaredSize().isPresent() ? a.declaredSize().getAsLong() : null)
                .addValue(a.declaredSha256().orElse(null)).addValue(a.replica());
        return sequence(pool.preparedQuery("INSERT INTO journal (kind, at, owner_kind, owner_id, document_type,"
                + " caller_key, idempotency_key_sha256, declared_size, declared_sha256, replica)"
                + " VALUES ('upload_started', $1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING sequence").execute(row),
                "the journal could not record an upload's start");
    }

    @Override
    public CompletionStage<Long> uploadEnded(long attemptId, UploadOutcome o) {
        Objects.requireNonNull(o, "outcome");
        Tuple row = Tuple.of(attemptId, Sql.time(o.endedAt()), o.document().map(DocumentId::value).orElse(null),
                o.outcome(), o.sizeBytes(), o.sha256().orElse(null));
        var ended = pool.preparedQuery("INSERT INTO journal (kind, at, owner_kind, owner_id, document_id, attempt_id,"
                + " outcome, size_bytes, content_sha256)"
                + " SELECT 'upload_ended', $2, s.owner_kind, s.owner_id, $3, s.sequence, $4, $5, $6 FROM journal s"
                + " WHERE s.sequence = $1 AND s.kind = 'upload_started' RETURNING sequence").execute(row)
                .recover(failure -> io.vertx.core.Future.failedFuture(Sql.is(failure, Sql.UNIQUE_VIOLATION)
                        ? new IllegalStateException("upload attempt " + attemptId + " has ended already") : failure))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new IllegalArgumentException("no upload attempt " + attemptId);
                    }
                    return rows.iterator().next().getLong(0);
                });
        return Sql.call(ended, limit, "the journal could not record an upload's end");
    }

    @Override
    public CompletionStage<Long> changed(DocumentChange change) {
        Objects.requireNonNull(change, "change");
        Tuple row = Tuple.of(Sql.time(change.at()), change.owner().kind(), change.owner().value(),
                change.document().map(DocumentId::value).orElse(null));
        if (change instanceof DocumentChange.Reviewed r) {
            row.addValue("reviewed").addValue(r.decision() instanceof ReviewDecision.Reject ? "rejected" : "accepted")
                    .addValue(reasons(r.decision())).addValue(null);
        } else {
            var s = (DocumentChange.OwnerStatusChanged) change;
            row.addValue("owner_status").addValue(null).addValue(null).addValue(s.status().wire());
        }
        row.addValue(change.source().name()).addValue(change.providerEventId().orElse(null));
        return sequence(pool.preparedQuery("INSERT INTO journal (kind, at, owner_kind, owner_id, document_id, change,"
                + " decision, reasons, owner_status, source, provider_event_id)"
                + " VALUES ('changed', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING sequence").execute(row),
                "the journal could not record a change");
    }

    @Override
    public CompletionStage<HistoryPage> history(HistoryQuery query) {
        Objects.requireNonNull(query, "query");
        Tuple args = Tuple.of(Sql.time(clock.instant()), query.after(), query.limit());
        String where;
        if (query.subject() instanceof HistoryQuery.OfDocument d) {
            args.addValue(d.document().value());
            where = "(j.document_id = $4 OR j.sequence IN (SELECT e.attempt_id FROM journal e"
                    + " WHERE e.kind = 'upload_ended' AND e.document_id = $4))";
        } else {
            OwnerId owner = ((HistoryQuery.OfOwner) query.subject()).owner();
            args.addValue(owner.kind()).addValue(owner.value());
            where = "j.owner_kind = $4 AND j.owner_id = $5";
        }
        var page = pool.preparedQuery("SELECT " + COLUMNS + " FROM journal j WHERE j.sequence > $2 AND " + where
                + " ORDER BY j.sequence LIMIT $3").execute(args)
                .map(rows -> HistoryPage.of(entries(rows), query.limit()));
        return Sql.call(page, limit, "the journal could not read a history");
    }

    @Override
    public CompletionStage<List<JournalEntry>> changesSince(long sequence, int count) {
        if (count < 1 || count > MAX_CHANGES) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("limit must be 1 to " + MAX_CHANGES + ": " + count));
        }
        var entries = pool.preparedQuery("SELECT " + COLUMNS + " FROM journal j WHERE j.sequence > $2"
                + " ORDER BY j.sequence LIMIT $3").execute(Tuple.of(Sql.time(clock.instant()), sequence, count))
                .map(PostgresJournal::entries);
        return Sql.call(entries, limit, "the journal could not read its changes");
    }

    @Override
    public CompletionStage<Long> prune(Instant before) {
        Objects.requireNonNull(before, "before");
        var pruned = pool.withTransaction(c -> c.query("SET LOCAL docverify.journal_prune = 'on'").execute()
                .compose(v -> c.preparedQuery("DELETE FROM journal j WHERE j.at < $1"
                        + " AND NOT EXISTS (SELECT 1 FROM journal e WHERE e.kind = 'upload_ended'"
                        + " AND e.attempt_id = j.sequence AND e.at >= $1)"
                        + " AND NOT (j.kind = 'upload_ended' AND EXISTS (SELECT 1 FROM journal s"
                        + " WHERE s.sequence = j.attempt_id AND s.at >= $1))").execute(Tuple.of(Sql.time(before)))))
                .map(rows -> (long) rows.rowCount());
        return Sql.call(pruned, limit, "the journal could not prune");
    }

    @Override
    public CompletionStage<Void> renewLease(String replica, Duration lease) {
        Objects.requireNonNull(replica, "replica");
        if (lease.isNegative() || lease.isZero()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("a lease must be more than zero"));
        }
        var renewed = pool.preparedQuery("INSERT INTO replica_leases (replica, expires_at) VALUES ($1, $2)"
                + " ON CONFLICT (replica) DO UPDATE SET expires_at = EXCLUDED.expires_at")
                .execute(Tuple.of(replica, Sql.time(clock.instant().plus(lease)))).<Void>mapEmpty();
        return Sql.call(renewed, limit, "the journal could not renew a replica's lease");
    }

    private CompletionStage<Long> sequence(io.vertx.core.Future<RowSet<Row>> insert, String what) {
        return Sql.call(insert.map(rows -> rows.iterator().next().getLong(0)), limit, what);
    }

    private static JsonArray reasons(ReviewDecision decision) {
        if (!(decision instanceof ReviewDecision.Reject reject)) {
            return null;
        }
        var reasons = new JsonArray();
        reject.reasons().forEach(r -> reasons.add(new JsonObject().put("reason", r.reason())
                .put("description", r.description())));
        return reasons;
    }

    private static List<JournalEntry> entries(RowSet<Row> rows) {
        var entries = new ArrayList<JournalEntry>(rows.size());
        rows.forEach(row -> entries.add(entry(row)));
        return entries;
    }

    private static JournalEntry entry(Row row) {
        long sequence = row.getLong("sequence");
        OwnerId owner = Sql.owner(row.getString("owner_kind"), row.getString("owner_id"));
        var at = Sql.instant(row.getOffsetDateTime("at"));
        Optional<DocumentId> document = Optional.ofNullable(row.getString("document_id")).map(DocumentId::new);
        switch (row.getString("kind")) {
            case "upload_started" -> {
                Long size = row.getLong("declared_size");
                var attempt = new UploadAttempt(owner, DocumentType.fromWire(row.getString("document_type")),
                        row.getString("caller_key"),
                        Optional.ofNullable(row.getString("idempotency_key_sha256")).map(KeyHash::new),
                        size == null ? OptionalLong.empty() : OptionalLong.of(size),
                        Optional.ofNullable(row.getString("declared_sha256")), at, row.getString("replica"));
                return new JournalEntry.UploadStarted(sequence, attempt, AttemptStatus.valueOf(row.getString("status")));
            }
            case "upload_ended" -> {
                var outcome = new UploadOutcome(document, row.getString("outcome"), row.getLong("size_bytes"),
                        Optional.ofNullable(row.getString("content_sha256")), at);
                return new JournalEntry.UploadEnded(sequence, row.getLong("attempt_id"), owner, outcome);
            }
            default -> {
                var source = DocumentChange.Source.valueOf(row.getString("source"));
                Optional<String> event = Optional.ofNullable(row.getString("provider_event_id"));
                if ("reviewed".equals(row.getString("change"))) {
                    return new JournalEntry.Changed(sequence, new DocumentChange.Reviewed(document.orElseThrow(),
                            owner, decision(row), source, event, at));
                }
                String wire = row.getString("owner_status");
                OwnerStatus status = owner.kind().equals("customer") ? CustomerStatus.fromWire(wire).orElseThrow()
                        : BeneficialOwnerStatus.fromWire(wire).orElseThrow();
                return new JournalEntry.Changed(sequence,
                        new DocumentChange.OwnerStatusChanged(owner, status, source, event, at));
            }
        }
    }

    private static ReviewDecision decision(Row row) {
        if (!"rejected".equals(row.getString("decision"))) {
            return ReviewDecision.accept();
        }
        var reasons = new ArrayList<FailureReason>();
        JsonArray stored = (JsonArray) row.getValue("reasons");
        for (int i = 0; i < stored.size(); i++) {
            JsonObject r = stored.getJsonObject(i);
            reasons.add(new FailureReason(r.getString("reason"), r.getString("description")));
        }
        return ReviewDecision.reject(reasons);
    }
}
