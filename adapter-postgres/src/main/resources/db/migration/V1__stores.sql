-- docverify's own state: the webhook inbox, the audit journal, replica leases, idempotency records.
-- Never file bytes, file names or secrets: idempotency keys only as their SHA-256.

CREATE TABLE webhook_inbox (
    event_id      text PRIMARY KEY,
    created       timestamptz NOT NULL,
    topic         text NOT NULL,
    resource_id   text NOT NULL,
    resource_href text,
    customer_href text,
    received_at   timestamptz NOT NULL,
    processed_at  timestamptz
);
CREATE INDEX webhook_inbox_unprocessed ON webhook_inbox (created, event_id) WHERE processed_at IS NULL;
CREATE INDEX webhook_inbox_processed ON webhook_inbox (created DESC, event_id DESC) WHERE processed_at IS NOT NULL;

-- One row per entry, in one order (sequence). Columns by kind:
--   upload_started: document_type, caller_key, idempotency_key_sha256, declared_size, declared_sha256, replica
--   upload_ended:   attempt_id (the start's sequence), document_id, outcome, size_bytes, content_sha256
--   changed:        change ('reviewed' with document_id, decision, reasons; 'owner_status' with owner_status),
--                   source, provider_event_id
CREATE TABLE journal (
    sequence               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind                   text NOT NULL CHECK (kind IN ('upload_started', 'upload_ended', 'changed')),
    at                     timestamptz NOT NULL,
    owner_kind             text NOT NULL CHECK (owner_kind IN ('customer', 'beneficial-owner')),
    owner_id               text NOT NULL,
    document_id            text,
    document_type          text,
    caller_key             text,
    idempotency_key_sha256 text,
    declared_size          bigint,
    declared_sha256        text,
    replica                text,
    attempt_id             bigint REFERENCES journal (sequence),
    outcome                text,
    size_bytes             bigint,
    content_sha256         text,
    change                 text CHECK (change IN ('reviewed', 'owner_status')),
    decision               text CHECK (decision IN ('accepted', 'rejected')),
    reasons                jsonb,
    owner_status           text,
    source                 text CHECK (source IN ('WEBHOOK', 'RECONCILIATION', 'POLL', 'SANDBOX')),
    provider_event_id      text,
    CHECK (kind <> 'upload_started' OR (document_type IS NOT NULL AND caller_key IS NOT NULL AND replica IS NOT NULL)),
    CHECK (kind <> 'upload_ended' OR (attempt_id IS NOT NULL AND outcome IS NOT NULL AND size_bytes IS NOT NULL)),
    CHECK (kind <> 'changed' OR (change IS NOT NULL AND source IS NOT NULL))
);
CREATE UNIQUE INDEX journal_one_end_per_attempt ON journal (attempt_id) WHERE kind = 'upload_ended';
CREATE INDEX journal_by_owner ON journal (owner_kind, owner_id, sequence);
CREATE INDEX journal_by_document ON journal (document_id, sequence) WHERE document_id IS NOT NULL;

-- Append-only: the service never changes or removes an entry.
CREATE FUNCTION journal_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the journal is append-only';
END
$$;
CREATE TRIGGER journal_append_only BEFORE UPDATE OR DELETE ON journal
    FOR EACH ROW EXECUTE FUNCTION journal_is_append_only();

-- A replica's lease: its unended upload attempts read as running until expires_at, abandoned after.
CREATE TABLE replica_leases (
    replica    text PRIMARY KEY,
    expires_at timestamptz NOT NULL
);

-- The service's own idempotency: one record per (calling key's name, key hash), held by a claim (holder, lease)
-- until completed with its document or released (deleted).
CREATE TABLE idempotency_records (
    scope       text NOT NULL,
    key_sha256  text NOT NULL,
    fingerprint text NOT NULL,
    claimed_at  timestamptz NOT NULL,
    holder      text,
    lease_until timestamptz NOT NULL,
    document_id text,
    PRIMARY KEY (scope, key_sha256)
);
CREATE INDEX idempotency_records_by_claim ON idempotency_records (claimed_at);
