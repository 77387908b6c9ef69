-- Each report in a meeting's history records the duration as then known, and which members the report itself stated
-- (a comma-separated list of status, dates, format, location, durationMinutes); the other members of the row are
-- what earlier reports had stated. Rows written before this held every member, as the record then had it.
ALTER TABLE meeting_status_changes ADD COLUMN duration_minutes bigint;
ALTER TABLE meeting_status_changes ADD COLUMN stated text COLLATE "C" NOT NULL DEFAULT 'status,dates,format,location';
UPDATE meeting_status_changes m SET duration_minutes = e.duration_minutes, stated = 'status,dates,format,location,durationMinutes'
FROM events e WHERE e.id = m.event_id AND m.recorded_by IS NOT NULL;

-- The change feed asked by time ("what changed since yesterday").
CREATE INDEX ix_changes_at ON changes (at, seq);
