-- Suggestions: what the extractor proposes for a source — a statement, a participant or an event —
-- with the words it rests on, waiting for an editor to accept it (which writes records) or reject it.
-- `stamp` grows with every insert and decision, so the data version can follow suggestions too.
CREATE TABLE suggestions (
    seq          INTEGER PRIMARY KEY,
    id           TEXT    NOT NULL UNIQUE,       -- kind and a hash of source and evidence: re-extraction finds the same id
    source_id    TEXT    NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL CHECK (kind IN ('statement', 'participant', 'event')),
    status       TEXT    NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
    confidence   REAL    NOT NULL,
    summary      TEXT    NOT NULL,
    proposal     TEXT    NOT NULL,              -- JSON: the record it would write
    evidence     TEXT    NOT NULL,              -- JSON: [{start, end, text}] in the source's text
    created_at   TEXT    NOT NULL,
    decided_at   TEXT,
    decided_by   TEXT,
    records      TEXT,                          -- JSON: [{resource, id}] written or merged into on acceptance
    stamp        INTEGER NOT NULL
) STRICT;
CREATE INDEX ix_suggestions_status ON suggestions (status, seq);
CREATE INDEX ix_suggestions_source ON suggestions (source_id, seq);
CREATE INDEX ix_suggestions_stamp ON suggestions (stamp);
