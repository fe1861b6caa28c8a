-- Journal retention: entries may be removed by PostgresJournal.prune (DOCVERIFY_DATABASE_JOURNAL_RETENTION), and by
-- nothing else. The trigger still refuses every UPDATE, and every DELETE outside a transaction that set
-- docverify.journal_prune (SET LOCAL, as prune does): a guard against mistakes, not a security boundary.
CREATE OR REPLACE FUNCTION journal_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('docverify.journal_prune', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'the journal is append-only';
END
$$;

-- What prune reads: the entries older than an instant.
CREATE INDEX journal_by_time ON journal (at);
