-- Each participant's events carry the event's kind and status, so a participant's list filtered by them tests each
-- row where it walks (the table's own b-tree, in start order) instead of reading the event for it: a common
-- participant's rare kind in a rare status is thousands of rows into the walk.
ALTER TABLE participant_events ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE participant_events ADD COLUMN status TEXT NOT NULL DEFAULT '';
UPDATE participant_events SET (kind, status) = (SELECT e.kind, e.status FROM events e WHERE e.id = participant_events.event_id);
ANALYZE participant_events;
