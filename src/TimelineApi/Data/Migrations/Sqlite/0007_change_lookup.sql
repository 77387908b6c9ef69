-- The last change of one record: which key wrote it. The seed asks this of its records to leave editors' edits alone.
CREATE INDEX ix_changes_record ON changes (resource_id, resource, seq);
