-- Each report in a meeting's history records the duration as then known, and which members the report itself stated
-- (a comma-separated list of status, dates, format, location, durationMinutes); the other members of the row are
-- what earlier reports had stated. Rows written before this held every member, as the record then had it.
ALTER TABLE meeting_status_changes ADD COLUMN duration_minutes INTEGER;
ALTER TABLE meeting_status_changes ADD COLUMN stated TEXT NOT NULL DEFAULT 'status,dates,format,location';
UPDATE meeting_status_changes SET duration_minutes = (SELECT e.duration_minutes FROM events e WHERE e.id = meeting_status_changes.event_id)
WHERE recorded_by IS NOT NULL;
UPDATE meeting_status_changes SET stated = 'status,dates,format,location,durationMinutes' WHERE recorded_by IS NOT NULL;

-- The change feed asked by time ("what changed since yesterday").
CREATE INDEX ix_changes_at ON changes (at, seq);
