-- The read model of the timeline feed: each event's and each statement's item as `/v1/timeline` serves it, kept in
-- the row beside the event's own document and rewritten in the same transactions (see EventDocuments and
-- StatementDocuments). NULL until built: start-up builds what rows lack.
ALTER TABLE events ADD COLUMN timeline_document TEXT;
ALTER TABLE statements ADD COLUMN timeline_document TEXT;
DROP INDEX ix_events_document_missing;
CREATE INDEX ix_events_document_missing ON events (id) WHERE document IS NULL OR timeline_document IS NULL;
CREATE INDEX ix_statements_document_missing ON statements (id) WHERE timeline_document IS NULL;
