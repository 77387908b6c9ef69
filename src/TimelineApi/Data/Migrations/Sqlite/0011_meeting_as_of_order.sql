-- Meetings as known on a day, in start order: status changes walked in the order of the state they give,
-- so a page of the calendar as then known stops after the page instead of ranking every change.
CREATE INDEX ix_meeting_status_changes_sort ON meeting_status_changes (sort_key, event_id);
