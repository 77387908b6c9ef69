-- Full-text indexes (FTS5, external content) over events, statements and sources, kept in step
-- with their tables by triggers. Words are stemmed ("mistake" finds "mistakes") and diacritics
-- folded ("Yúri" finds "Yuri").

CREATE VIRTUAL TABLE events_fts USING fts5 (
    title, summary,
    content = 'events', content_rowid = 'rowid', tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER events_fts_after_insert AFTER INSERT ON events BEGIN
    INSERT INTO events_fts (rowid, title, summary) VALUES (new.rowid, new.title, new.summary);
END;
CREATE TRIGGER events_fts_after_delete AFTER DELETE ON events BEGIN
    INSERT INTO events_fts (events_fts, rowid, title, summary) VALUES ('delete', old.rowid, old.title, old.summary);
END;
CREATE TRIGGER events_fts_after_update AFTER UPDATE OF title, summary ON events BEGIN
    INSERT INTO events_fts (events_fts, rowid, title, summary) VALUES ('delete', old.rowid, old.title, old.summary);
    INSERT INTO events_fts (rowid, title, summary) VALUES (new.rowid, new.title, new.summary);
END;
INSERT INTO events_fts (events_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE statements_fts USING fts5 (
    text, attribution,
    content = 'statements', content_rowid = 'rowid', tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER statements_fts_after_insert AFTER INSERT ON statements BEGIN
    INSERT INTO statements_fts (rowid, text, attribution) VALUES (new.rowid, new.text, new.attribution);
END;
CREATE TRIGGER statements_fts_after_delete AFTER DELETE ON statements BEGIN
    INSERT INTO statements_fts (statements_fts, rowid, text, attribution) VALUES ('delete', old.rowid, old.text, old.attribution);
END;
CREATE TRIGGER statements_fts_after_update AFTER UPDATE OF text, attribution ON statements BEGIN
    INSERT INTO statements_fts (statements_fts, rowid, text, attribution) VALUES ('delete', old.rowid, old.text, old.attribution);
    INSERT INTO statements_fts (rowid, text, attribution) VALUES (new.rowid, new.text, new.attribution);
END;
INSERT INTO statements_fts (statements_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE sources_fts USING fts5 (
    title, text,
    content = 'sources', content_rowid = 'rowid', tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER sources_fts_after_insert AFTER INSERT ON sources BEGIN
    INSERT INTO sources_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER sources_fts_after_delete AFTER DELETE ON sources BEGIN
    INSERT INTO sources_fts (sources_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER sources_fts_after_update AFTER UPDATE OF title, text ON sources BEGIN
    INSERT INTO sources_fts (sources_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO sources_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
INSERT INTO sources_fts (sources_fts) VALUES ('rebuild');
