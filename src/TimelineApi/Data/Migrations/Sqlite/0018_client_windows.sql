-- Schema 18 keeps the counts of requests per client in a table on PostgreSQL, shared by the replicas (Limits:Store).
-- One SQLite file serves one process, which counts in its memory: nothing changes here, and the version stays the same
-- number on both engines for the same schema.
SELECT 1;
