-- Statistics for the indexes of the three migrations before this one. A database analyzed before them (every import
-- ends with ANALYZE) has none for those indexes, and the query planner, taking an index without statistics for a
-- selective one, would then read every meeting through the kind-and-status index and sort them rather than walk
-- the meetings' own start-ordered index. Refreshed for the two tables those indexes are on.
ANALYZE events;
ANALYZE participant_events;
