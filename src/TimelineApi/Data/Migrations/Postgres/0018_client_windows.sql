-- Each client's count of requests in the current minute, per kind of request (reads, writes, searches), shared by
-- every API process over this database so that one limit holds for the whole deployment. Unlogged: the counts are
-- not worth a write-ahead log, and a crash of the server simply starts every count again.
CREATE UNLOGGED TABLE client_windows (
    allowance text COLLATE "C" PRIMARY KEY,
    minute bigint NOT NULL,
    used integer NOT NULL
);
