-- Sources: the documents every other record is derived from.
CREATE TABLE sources (
    id                     TEXT    NOT NULL PRIMARY KEY,
    title                  TEXT,
    publisher              TEXT,
    author                 TEXT,
    dateline               TEXT,
    published_at           TEXT,            -- ISO 8601 day or instant with offset, as stated
    published_at_text      TEXT,            -- the date exactly as printed in the document
    published_at_inferred  INTEGER NOT NULL DEFAULT 0 CHECK (published_at_inferred IN (0, 1)),
    published_at_note      TEXT,
    updated_at_text        TEXT,
    reported_on            TEXT,            -- the local publication day, used for knowledge time
    file_name              TEXT    NOT NULL,
    text                   TEXT    NOT NULL
) STRICT;

CREATE TABLE participants (
    id          TEXT NOT NULL PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('person', 'organization', 'country', 'group')),
    country_id  TEXT REFERENCES participants (id)
) STRICT;

CREATE TABLE participant_aliases (
    participant_id  TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    alias           TEXT NOT NULL,
    source_id       TEXT REFERENCES sources (id),
    PRIMARY KEY (participant_id, alias)
) STRICT;

CREATE TABLE participant_roles (
    participant_id  TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    source_id       TEXT NOT NULL REFERENCES sources (id),
    PRIMARY KEY (participant_id, title, source_id)
) STRICT;

-- Every spelling a participant can be asked for by (id, name, aliases), normalised
-- (case folded, accents removed, whitespace collapsed) by the application.
CREATE TABLE participant_lookup (
    key             TEXT NOT NULL,
    participant_id  TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    PRIMARY KEY (key, participant_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE events (
    id                TEXT    NOT NULL PRIMARY KEY,
    title             TEXT    NOT NULL,
    kind              TEXT    NOT NULL
                      CHECK (kind IN ('call', 'summit', 'talks', 'meeting', 'statement', 'briefing', 'report')),
    format            TEXT    CHECK (format IN ('video', 'phone', 'in-person')),
    status            TEXT    NOT NULL
                      CHECK (status IN ('held', 'scheduled', 'proposed', 'postponed', 'cancelled')),
    start_at          TEXT,                     -- ISO 8601 day, month or instant with offset
    end_at            TEXT,
    date_precision    TEXT    CHECK (date_precision IN ('day', 'month', 'time')),
    date_inferred     INTEGER NOT NULL DEFAULT 0 CHECK (date_inferred IN (0, 1)),
    date_note         TEXT,
    duration_minutes  INTEGER CHECK (duration_minutes > 0),
    location          TEXT,
    summary           TEXT,
    sort_key          TEXT    NOT NULL,         -- start as sortable text; '~' (after digits) when unknown
    range_start       TEXT,                     -- first day the event covers
    range_end         TEXT,                     -- last day the event covers
    CHECK (end_at IS NULL OR start_at IS NOT NULL)
) STRICT;
CREATE INDEX ix_events_sort ON events (sort_key, id);
CREATE INDEX ix_events_kind_sort ON events (kind, sort_key, id);
CREATE INDEX ix_events_status_sort ON events (status, sort_key, id);
CREATE INDEX ix_events_range ON events (range_start, range_end);

CREATE TABLE event_participants (
    event_id        TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    participant_id  TEXT NOT NULL REFERENCES participants (id),
    role            TEXT NOT NULL,
    source_id       TEXT REFERENCES sources (id),
    PRIMARY KEY (event_id, participant_id, role)
) STRICT;
CREATE INDEX ix_event_participants_participant_id ON event_participants (participant_id, event_id);

CREATE TABLE event_topics (
    event_id  TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    topic     TEXT NOT NULL,
    PRIMARY KEY (event_id, topic)
) STRICT;
CREATE INDEX ix_event_topics_topic ON event_topics (topic, event_id);

CREATE TABLE event_sources (
    event_id   TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    source_id  TEXT NOT NULL REFERENCES sources (id),
    PRIMARY KEY (event_id, source_id)
) STRICT;
CREATE INDEX ix_event_sources_source_id ON event_sources (source_id, event_id);

-- What each source reported about a planned encounter, in the order the sources appeared.
CREATE TABLE meeting_status_changes (
    event_id     TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    source_id    TEXT NOT NULL REFERENCES sources (id),
    reported_on  TEXT NOT NULL,
    status       TEXT NOT NULL
                 CHECK (status IN ('held', 'scheduled', 'proposed', 'postponed', 'cancelled')),
    start_at     TEXT,
    end_at       TEXT,
    format       TEXT CHECK (format IN ('video', 'phone', 'in-person')),
    location     TEXT,
    note         TEXT,
    sort_key     TEXT NOT NULL,             -- start as sortable text; '~' when unknown
    range_start  TEXT,
    range_end    TEXT,
    PRIMARY KEY (event_id, source_id)
) STRICT;
CREATE INDEX ix_meeting_status_changes_reported_on ON meeting_status_changes (reported_on, event_id);

CREATE TABLE statements (
    id             TEXT    NOT NULL PRIMARY KEY,
    speaker_id     TEXT    NOT NULL REFERENCES participants (id),
    text           TEXT    NOT NULL,
    date           TEXT,
    date_inferred  INTEGER NOT NULL DEFAULT 0 CHECK (date_inferred IN (0, 1)),
    event_id       TEXT    REFERENCES events (id) ON DELETE SET NULL,
    source_id      TEXT    NOT NULL REFERENCES sources (id),
    span_start     INTEGER NOT NULL CHECK (span_start >= 0),
    span_end       INTEGER NOT NULL,
    attribution    TEXT,
    sort_key       TEXT    NOT NULL,
    CHECK (span_end > span_start)
) STRICT;
CREATE INDEX ix_statements_sort ON statements (sort_key, id);
CREATE INDEX ix_statements_speaker_id ON statements (speaker_id, sort_key, id);
CREATE INDEX ix_statements_event_id ON statements (event_id);
CREATE INDEX ix_statements_source_id ON statements (source_id);

-- Which seed was applied, and the records it owns (so a changed seed replaces them cleanly).
CREATE TABLE seed_state (
    key    TEXT NOT NULL PRIMARY KEY,
    value  TEXT NOT NULL
) STRICT;

CREATE TABLE seed_records (
    kind  TEXT NOT NULL,
    id    TEXT NOT NULL,
    PRIMARY KEY (kind, id)
) STRICT, WITHOUT ROWID;
