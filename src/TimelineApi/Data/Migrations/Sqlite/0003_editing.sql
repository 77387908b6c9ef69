-- Editing: a version and a last-change time on every resource (the version is the resource's ETag),
-- API keys, the change feed, and status history entries recorded by editors.

ALTER TABLE sources ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE sources ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE participants ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE participants ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE events ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE statements ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE statements ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
UPDATE sources SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
UPDATE participants SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
UPDATE events SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
UPDATE statements SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
CREATE INDEX ix_sources_updated_at ON sources (updated_at);
CREATE INDEX ix_participants_updated_at ON participants (updated_at);
CREATE INDEX ix_events_updated_at ON events (updated_at);
CREATE INDEX ix_statements_updated_at ON statements (updated_at);

CREATE TABLE api_keys (
    name        TEXT NOT NULL PRIMARY KEY,
    key_hash    BLOB NOT NULL UNIQUE,           -- SHA-256 of the key; the key itself is never stored
    scope       TEXT NOT NULL CHECK (scope IN ('write', 'read')),
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
) STRICT;

-- Every write, in order. `data` is the resource as written (null for a deletion: a tombstone).
CREATE TABLE changes (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    at           TEXT NOT NULL,
    key_name     TEXT NOT NULL,
    resource     TEXT NOT NULL CHECK (resource IN ('source', 'participant', 'event', 'statement')),
    resource_id  TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('created', 'updated', 'deleted')),
    data         TEXT
) STRICT;
CREATE INDEX ix_changes_resource ON changes (resource, resource_id);

-- Status history entries may now come from an editor (recorded_by: the key's name), with or
-- without a source; seed entries have no recorder.
CREATE TABLE meeting_status_changes_new (
    id           INTEGER PRIMARY KEY,
    event_id     TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    source_id    TEXT REFERENCES sources (id),
    reported_on  TEXT NOT NULL,
    status       TEXT NOT NULL
                 CHECK (status IN ('held', 'scheduled', 'proposed', 'postponed', 'cancelled')),
    start_at     TEXT,
    end_at       TEXT,
    format       TEXT CHECK (format IN ('video', 'phone', 'in-person')),
    location     TEXT,
    note         TEXT,
    sort_key     TEXT NOT NULL,
    range_start  TEXT,
    range_end    TEXT,
    recorded_by  TEXT
) STRICT;
INSERT INTO meeting_status_changes_new (event_id, source_id, reported_on, status, start_at, end_at, format, location, note, sort_key, range_start, range_end)
SELECT event_id, source_id, reported_on, status, start_at, end_at, format, location, note, sort_key, range_start, range_end
FROM meeting_status_changes;
DROP TABLE meeting_status_changes;
ALTER TABLE meeting_status_changes_new RENAME TO meeting_status_changes;
CREATE INDEX ix_meeting_status_changes_event_id ON meeting_status_changes (event_id, reported_on);
CREATE INDEX ix_meeting_status_changes_reported_on ON meeting_status_changes (reported_on, event_id);
CREATE UNIQUE INDEX ux_meeting_status_changes_seed ON meeting_status_changes (event_id, source_id) WHERE recorded_by IS NULL;
