-- Events of one kind in one status (a dashboard's "cancelled meetings since 2015"), in start order: a seek on both
-- instead of walking every event of the kind and reading each row for its status. The range columns let a date
-- range filter pass over rows outside it without reading them.
CREATE INDEX ix_events_kind_status_sort ON events (kind, status, sort_key, id, range_end, range_start);
