-- The timeline's schema on PostgreSQL, as the SQLite migrations 0001 to 0016 leave it, in one step: the
-- PostgreSQL store begins at schema version 16, and each later version has a migration for each store.
--
-- Text is compared byte by byte (COLLATE "C"), as SQLite compares it, so lists sort and page the same on
-- both stores whatever the database's locale. Whole numbers are bigint (SQLite's INTEGER), flags 0 or 1.
-- References can be checked at commit (DEFERRABLE), as SQLite's deferred foreign keys are for the seed.
-- `rowid` numbers the rows of the searchable tables in the order they were first written, as SQLite's own.

-- Words are stemmed as in English ("mistake" finds "mistakes") and accents folded ("Yúri" finds "Yuri").
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION timeline (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION timeline
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;

CREATE TABLE sources (
    rowid                  bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id                     text COLLATE "C" NOT NULL PRIMARY KEY,
    title                  text COLLATE "C",
    publisher              text COLLATE "C",
    author                 text COLLATE "C",
    dateline               text COLLATE "C",
    published_at           text COLLATE "C",
    published_at_text      text COLLATE "C",
    published_at_inferred  bigint NOT NULL DEFAULT 0 CHECK (published_at_inferred IN (0, 1)),
    published_at_note      text COLLATE "C",
    updated_at_text        text COLLATE "C",
    reported_on            text COLLATE "C",
    file_name              text COLLATE "C" NOT NULL,
    text                   text COLLATE "C" NOT NULL,
    version                bigint NOT NULL DEFAULT 1,
    updated_at             text COLLATE "C" NOT NULL DEFAULT '',
    search                 tsvector GENERATED ALWAYS AS (
                               setweight(to_tsvector('timeline', COALESCE(title, '')), 'A') || to_tsvector('timeline', text)) STORED
);
CREATE INDEX ix_sources_updated_at ON sources (updated_at);
CREATE INDEX ix_sources_sort ON sources ((COALESCE(reported_on, '~')), id);
CREATE INDEX ix_sources_search ON sources USING gin (search);

CREATE TABLE participants (
    id          text COLLATE "C" NOT NULL PRIMARY KEY,
    name        text COLLATE "C" NOT NULL,
    kind        text COLLATE "C" NOT NULL CHECK (kind IN ('person', 'organization', 'country', 'group')),
    country_id  text COLLATE "C" REFERENCES participants (id) DEFERRABLE,
    version     bigint NOT NULL DEFAULT 1,
    updated_at  text COLLATE "C" NOT NULL DEFAULT ''
);
CREATE INDEX ix_participants_updated_at ON participants (updated_at);

CREATE TABLE participant_aliases (
    participant_id  text COLLATE "C" NOT NULL REFERENCES participants (id) ON DELETE CASCADE DEFERRABLE,
    alias           text COLLATE "C" NOT NULL,
    source_id       text COLLATE "C" REFERENCES sources (id) DEFERRABLE,
    PRIMARY KEY (participant_id, alias)
);

CREATE TABLE participant_roles (
    participant_id  text COLLATE "C" NOT NULL REFERENCES participants (id) ON DELETE CASCADE DEFERRABLE,
    title           text COLLATE "C" NOT NULL,
    source_id       text COLLATE "C" NOT NULL REFERENCES sources (id) DEFERRABLE,
    PRIMARY KEY (participant_id, title, source_id)
);

CREATE TABLE participant_lookup (
    key             text COLLATE "C" NOT NULL,
    participant_id  text COLLATE "C" NOT NULL REFERENCES participants (id) ON DELETE CASCADE DEFERRABLE,
    PRIMARY KEY (key, participant_id)
);

CREATE TABLE events (
    rowid              bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id                 text COLLATE "C" NOT NULL PRIMARY KEY,
    title              text COLLATE "C" NOT NULL,
    kind               text COLLATE "C" NOT NULL
                       CHECK (kind IN ('call', 'summit', 'talks', 'meeting', 'statement', 'briefing', 'report')),
    format             text COLLATE "C" CHECK (format IN ('video', 'phone', 'in-person')),
    status             text COLLATE "C" NOT NULL
                       CHECK (status IN ('held', 'scheduled', 'proposed', 'postponed', 'cancelled')),
    start_at           text COLLATE "C",
    end_at             text COLLATE "C",
    date_precision     text COLLATE "C" CHECK (date_precision IN ('day', 'month', 'time')),
    date_inferred      bigint NOT NULL DEFAULT 0 CHECK (date_inferred IN (0, 1)),
    date_note          text COLLATE "C",
    duration_minutes   bigint CHECK (duration_minutes > 0),
    location           text COLLATE "C",
    summary            text COLLATE "C",
    sort_key           text COLLATE "C" NOT NULL,
    range_start        text COLLATE "C",
    range_end          text COLLATE "C",
    version            bigint NOT NULL DEFAULT 1,
    updated_at         text COLLATE "C" NOT NULL DEFAULT '',
    document           text COLLATE "C",
    timeline_document  text COLLATE "C",
    search             tsvector GENERATED ALWAYS AS (
                           setweight(to_tsvector('timeline', title), 'A') || to_tsvector('timeline', COALESCE(summary, ''))) STORED,
    CHECK (end_at IS NULL OR start_at IS NOT NULL)
);
CREATE INDEX ix_events_sort ON events (sort_key, id, range_end, range_start);
CREATE INDEX ix_events_kind_sort ON events (kind, sort_key, id);
CREATE INDEX ix_events_status_sort ON events (status, sort_key, id);
CREATE INDEX ix_events_kind_status_sort ON events (kind, status, sort_key, id, range_end, range_start);
CREATE INDEX ix_events_range ON events (range_start, range_end);
CREATE INDEX ix_events_meetings_sort ON events (sort_key, id) WHERE kind IN ('call', 'summit', 'talks', 'meeting');
CREATE INDEX ix_events_updated_at ON events (updated_at);
CREATE INDEX ix_events_document_missing ON events (id) WHERE document IS NULL OR timeline_document IS NULL;
CREATE INDEX ix_events_search ON events USING gin (search);

CREATE TABLE event_participants (
    event_id        text COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE DEFERRABLE,
    participant_id  text COLLATE "C" NOT NULL REFERENCES participants (id) DEFERRABLE,
    role            text COLLATE "C" NOT NULL,
    source_id       text COLLATE "C" REFERENCES sources (id) DEFERRABLE,
    PRIMARY KEY (event_id, participant_id, role)
);
CREATE INDEX ix_event_participants_participant_id ON event_participants (participant_id, event_id);

CREATE TABLE participant_events (
    participant_id  text COLLATE "C" NOT NULL REFERENCES participants (id) DEFERRABLE,
    sort_key        text COLLATE "C" NOT NULL,
    event_id        text COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE DEFERRABLE,
    kind            text COLLATE "C" NOT NULL DEFAULT '',
    status          text COLLATE "C" NOT NULL DEFAULT '',
    PRIMARY KEY (participant_id, sort_key, event_id)
);
CREATE INDEX ix_participant_events_event_id ON participant_events (event_id);

CREATE TABLE event_topics (
    event_id  text COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE DEFERRABLE,
    topic     text COLLATE "C" NOT NULL,
    PRIMARY KEY (event_id, topic)
);
CREATE INDEX ix_event_topics_topic ON event_topics (topic, event_id);

CREATE TABLE event_sources (
    event_id   text COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE DEFERRABLE,
    source_id  text COLLATE "C" NOT NULL REFERENCES sources (id) DEFERRABLE,
    PRIMARY KEY (event_id, source_id)
);
CREATE INDEX ix_event_sources_source_id ON event_sources (source_id, event_id);

CREATE TABLE meeting_status_changes (
    id           bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    event_id     text COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE DEFERRABLE,
    source_id    text COLLATE "C" REFERENCES sources (id) DEFERRABLE,
    reported_on  text COLLATE "C" NOT NULL,
    status       text COLLATE "C" NOT NULL
                 CHECK (status IN ('held', 'scheduled', 'proposed', 'postponed', 'cancelled')),
    start_at     text COLLATE "C",
    end_at       text COLLATE "C",
    format       text COLLATE "C" CHECK (format IN ('video', 'phone', 'in-person')),
    location     text COLLATE "C",
    note         text COLLATE "C",
    sort_key     text COLLATE "C" NOT NULL,
    range_start  text COLLATE "C",
    range_end    text COLLATE "C",
    recorded_by  text COLLATE "C"
);
CREATE INDEX ix_meeting_status_changes_event_id ON meeting_status_changes (event_id, reported_on);
CREATE INDEX ix_meeting_status_changes_reported_on ON meeting_status_changes (reported_on, event_id);
CREATE INDEX ix_meeting_status_changes_sort ON meeting_status_changes (sort_key, event_id);
CREATE UNIQUE INDEX ux_meeting_status_changes_seed ON meeting_status_changes (event_id, source_id) WHERE recorded_by IS NULL;

CREATE TABLE statements (
    rowid              bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id                 text COLLATE "C" NOT NULL PRIMARY KEY,
    speaker_id         text COLLATE "C" NOT NULL REFERENCES participants (id) DEFERRABLE,
    text               text COLLATE "C" NOT NULL,
    date               text COLLATE "C",
    date_inferred      bigint NOT NULL DEFAULT 0 CHECK (date_inferred IN (0, 1)),
    event_id           text COLLATE "C" REFERENCES events (id) ON DELETE SET NULL DEFERRABLE,
    source_id          text COLLATE "C" NOT NULL REFERENCES sources (id) DEFERRABLE,
    span_start         bigint NOT NULL CHECK (span_start >= 0),
    span_end           bigint NOT NULL,
    attribution        text COLLATE "C",
    sort_key           text COLLATE "C" NOT NULL,
    version            bigint NOT NULL DEFAULT 1,
    updated_at         text COLLATE "C" NOT NULL DEFAULT '',
    timeline_document  text COLLATE "C",
    search             tsvector GENERATED ALWAYS AS (
                           setweight(to_tsvector('timeline', text), 'A') || to_tsvector('timeline', COALESCE(attribution, ''))) STORED,
    CHECK (span_end > span_start)
);
CREATE INDEX ix_statements_sort ON statements (sort_key, id);
CREATE INDEX ix_statements_speaker_id ON statements (speaker_id, sort_key, id);
CREATE INDEX ix_statements_event_sort ON statements (event_id, sort_key, id);
CREATE INDEX ix_statements_source_sort ON statements (source_id, sort_key, id);
CREATE INDEX ix_statements_updated_at ON statements (updated_at);
CREATE INDEX ix_statements_document_missing ON statements (id) WHERE timeline_document IS NULL;
CREATE INDEX ix_statements_search ON statements USING gin (search);

CREATE TABLE seed_state (
    key    text COLLATE "C" NOT NULL PRIMARY KEY,
    value  text COLLATE "C" NOT NULL
);

CREATE TABLE seed_records (
    kind  text COLLATE "C" NOT NULL,
    id    text COLLATE "C" NOT NULL,
    PRIMARY KEY (kind, id)
);

CREATE TABLE api_keys (
    name        text COLLATE "C" NOT NULL PRIMARY KEY,
    key_hash    bytea NOT NULL UNIQUE,
    scope       text COLLATE "C" NOT NULL CHECK (scope IN ('write', 'read')),
    created_at  text COLLATE "C" NOT NULL,
    revoked_at  text COLLATE "C"
);

-- Every write, in commit order: writes hold one advisory lock from their start to their commit, so the
-- sequence hands out its numbers in the order the writes become visible.
CREATE TABLE changes (
    seq          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    at           text COLLATE "C" NOT NULL,
    key_name     text COLLATE "C" NOT NULL,
    resource     text COLLATE "C" NOT NULL CHECK (resource IN ('source', 'participant', 'event', 'statement')),
    resource_id  text COLLATE "C" NOT NULL,
    kind         text COLLATE "C" NOT NULL CHECK (kind IN ('created', 'updated', 'deleted', 'conflict')),
    data         text COLLATE "C"
);
CREATE INDEX ix_changes_resource ON changes (resource, resource_id);
CREATE INDEX ix_changes_record ON changes (resource_id, resource, seq);

CREATE TABLE suggestions (
    seq          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    id           text COLLATE "C" NOT NULL UNIQUE,
    source_id    text COLLATE "C" NOT NULL REFERENCES sources (id) ON DELETE CASCADE DEFERRABLE,
    kind         text COLLATE "C" NOT NULL CHECK (kind IN ('statement', 'participant', 'event')),
    status       text COLLATE "C" NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
    confidence   double precision NOT NULL,
    summary      text COLLATE "C" NOT NULL,
    proposal     text COLLATE "C" NOT NULL,
    evidence     text COLLATE "C" NOT NULL,
    created_at   text COLLATE "C" NOT NULL,
    decided_at   text COLLATE "C",
    decided_by   text COLLATE "C",
    records      text COLLATE "C",
    stamp        bigint NOT NULL
);
CREATE INDEX ix_suggestions_status ON suggestions (status, seq);
CREATE INDEX ix_suggestions_source ON suggestions (source_id, seq);
CREATE INDEX ix_suggestions_stamp ON suggestions (stamp);

-- The longest span, in days, of any event or status change: a range query looks back this far.
CREATE TABLE event_span (
    id        bigint NOT NULL PRIMARY KEY CHECK (id = 1),
    max_days  bigint NOT NULL
);
INSERT INTO event_span (id, max_days) VALUES (1, 1);

CREATE FUNCTION event_span_grow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.range_end IS NOT NULL THEN
        UPDATE event_span SET max_days = GREATEST(max_days, (NEW.range_end::date - NEW.range_start::date) + 1) WHERE id = 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER events_span_after_write AFTER INSERT OR UPDATE OF range_start, range_end ON events
    FOR EACH ROW EXECUTE FUNCTION event_span_grow();
CREATE TRIGGER meeting_status_changes_span_after_insert AFTER INSERT ON meeting_status_changes
    FOR EACH ROW EXECUTE FUNCTION event_span_grow();

-- Every commit that writes to the change feed or the suggestions tells the API processes listening (LISTEN
-- timeline_changes) that the data moved: a live change stream on any replica wakes at once. The notification is
-- sent when the transaction commits, and not at all when it rolls back.
CREATE FUNCTION notify_timeline_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('timeline_changes', TG_TABLE_NAME);
    RETURN NULL;
END $$;
CREATE TRIGGER changes_notify AFTER INSERT ON changes
    FOR EACH STATEMENT EXECUTE FUNCTION notify_timeline_changes();
CREATE TRIGGER suggestions_notify AFTER INSERT OR UPDATE ON suggestions
    FOR EACH STATEMENT EXECUTE FUNCTION notify_timeline_changes();
