-- Each client's count of requests in the current minute, per kind of request (reads, writes, searches), shared by
-- every API process over this database so that one limit holds for the whole deployment. Unlogged: the counts are
-- not worth a write-ahead log, and a crash of the server simply starts every count again.
CREATE UNLOGGED TABLE client_windows (
    allowance text COLLATE "C" PRIMARY KEY,
    minute bigint NOT NULL,
    used integer NOT NULL
);

-- Takes up to p_want of a client's p_limit requests of this minute (on the database's clock): what it was granted
-- (0 when the minute's allowance is spent), how many the minute has used now, and the milliseconds the minute has left.
CREATE FUNCTION take_permits(p_allowance text, p_want integer, p_limit integer,
                             OUT granted integer, OUT used integer, OUT milliseconds_left integer)
LANGUAGE plpgsql AS $$
DECLARE
    now_ms bigint := floor(extract(epoch FROM clock_timestamp()) * 1000);
    was integer;
BEGIN
    milliseconds_left := (60000 - now_ms % 60000)::integer;
    INSERT INTO client_windows AS w (allowance, minute, used) VALUES (p_allowance, now_ms / 60000, 0)
    ON CONFLICT (allowance) DO UPDATE
        SET used = CASE WHEN w.minute = excluded.minute THEN w.used ELSE 0 END, minute = excluded.minute
    RETURNING w.used INTO was;
    granted := GREATEST(0, LEAST(p_want, p_limit - was));
    used := was + granted;
    IF granted > 0 THEN
        UPDATE client_windows SET used = was + granted WHERE allowance = p_allowance;
    END IF;
END
$$;
