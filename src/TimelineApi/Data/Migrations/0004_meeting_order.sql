-- Meetings in start order without sorting every event: a partial index over the meeting kinds.
-- Queries name the kinds literally (EventVocabulary.MeetingKinds) so that SQLite can use it.
CREATE INDEX ix_events_meetings_sort ON events (sort_key, id) WHERE kind IN ('call', 'summit', 'talks', 'meeting');
ANALYZE;
