-- The shape of the stored documents (events.document and timeline_document, statements.timeline_document) as the
-- build that last built them knew it: a build whose shape differs rebuilds every document at start-up.
CREATE TABLE document_shapes (
    name TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL
);
