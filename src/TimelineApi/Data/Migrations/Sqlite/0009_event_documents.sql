-- The read model of events: each event's JSON as the API serves it, kept in the row and rewritten in the
-- transaction of every write that changes what it shows (see EventDocuments). NULL until built: start-up
-- builds the documents of rows that have none.
ALTER TABLE events ADD COLUMN document TEXT;
-- Finds the rows without a document at start-up without reading every event.
CREATE INDEX ix_events_document_missing ON events (id) WHERE document IS NULL;
