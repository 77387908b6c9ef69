-- The change feed also tells of what the seed could not apply (kind 'conflict', key 'seed'): a record the seed
-- holds in a new version while an editor wrote it last (data: the seed's version, not applied), or one the seed
-- no longer holds while other records still refer to it (data: null; the record is kept). SQLite cannot widen a
-- CHECK in place, so the table is rebuilt, keeping every sequence number.
CREATE TABLE changes_new (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    at           TEXT NOT NULL,
    key_name     TEXT NOT NULL,
    resource     TEXT NOT NULL CHECK (resource IN ('source', 'participant', 'event', 'statement')),
    resource_id  TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('created', 'updated', 'deleted', 'conflict')),
    data         TEXT
) STRICT;
INSERT INTO changes_new (seq, at, key_name, resource, resource_id, kind, data)
SELECT seq, at, key_name, resource, resource_id, kind, data FROM changes ORDER BY seq;
DROP TABLE changes;
ALTER TABLE changes_new RENAME TO changes;
CREATE INDEX ix_changes_resource ON changes (resource, resource_id);
CREATE INDEX ix_changes_record ON changes (resource_id, resource, seq);
