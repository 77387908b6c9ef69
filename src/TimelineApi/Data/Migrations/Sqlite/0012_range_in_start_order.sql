-- A date range filter tests each candidate's range_end and range_start while it walks the start-ordered index.
-- With both in the index, a candidate outside the range is passed over without reading its row (and its stored
-- documents) from the table: only the rows that are kept are read.
DROP INDEX ix_events_sort;
CREATE INDEX ix_events_sort ON events (sort_key, id, range_end, range_start);
