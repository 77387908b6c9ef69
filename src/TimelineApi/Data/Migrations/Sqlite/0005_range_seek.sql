-- The longest span, in whole days plus one, of any event or reported schedule. An event that starts
-- more than that long before a date range cannot reach into it, so a range filter can seek the
-- start-ordered indexes instead of reading them from the beginning. It only ever grows, so it is
-- always a safe bound.
CREATE TABLE event_span (
    id        INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    max_days  INTEGER NOT NULL
) STRICT;

INSERT INTO event_span (id, max_days)
SELECT 1, COALESCE(MAX(CAST(julianday(range_end) - julianday(range_start) AS INTEGER)), 0) + 1
FROM (SELECT range_start, range_end FROM events UNION ALL SELECT range_start, range_end FROM meeting_status_changes);

CREATE TRIGGER events_span_after_insert AFTER INSERT ON events WHEN NEW.range_end IS NOT NULL BEGIN
    UPDATE event_span SET max_days = MAX(max_days, CAST(julianday(NEW.range_end) - julianday(NEW.range_start) AS INTEGER) + 1) WHERE id = 1;
END;
CREATE TRIGGER events_span_after_update AFTER UPDATE OF range_start, range_end ON events WHEN NEW.range_end IS NOT NULL BEGIN
    UPDATE event_span SET max_days = MAX(max_days, CAST(julianday(NEW.range_end) - julianday(NEW.range_start) AS INTEGER) + 1) WHERE id = 1;
END;
CREATE TRIGGER meeting_status_changes_span_after_insert AFTER INSERT ON meeting_status_changes WHEN NEW.range_end IS NOT NULL BEGIN
    UPDATE event_span SET max_days = MAX(max_days, CAST(julianday(NEW.range_end) - julianday(NEW.range_start) AS INTEGER) + 1) WHERE id = 1;
END;
