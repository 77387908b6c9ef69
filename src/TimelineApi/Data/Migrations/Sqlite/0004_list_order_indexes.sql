-- List orders served by indexes.

-- Meetings in start order without sorting every event: a partial index over the meeting kinds.
-- Queries name the kinds literally (EventVocabulary.MeetingKinds) so that SQLite can use it.
CREATE INDEX ix_events_meetings_sort ON events (sort_key, id) WHERE kind IN ('call', 'summit', 'talks', 'meeting');

-- The statements of one event or one source in date order, and sources in order of publication,
-- read from an index in that order rather than sorted.
DROP INDEX ix_statements_event_id;
DROP INDEX ix_statements_source_id;
CREATE INDEX ix_statements_event_sort ON statements (event_id, sort_key, id);
CREATE INDEX ix_statements_source_sort ON statements (source_id, sort_key, id);
CREATE INDEX ix_sources_sort ON sources (COALESCE(reported_on, '~'), id);
ANALYZE;
