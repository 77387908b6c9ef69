-- Each participant's events in start order, one row per participant and event whatever the number of its roles
-- there. A list of one participant's events walks that participant's rows in the page's order and stops after the
-- page, instead of walking the events in start order and asking each whether the participant is in it (which, for
-- someone in few events of a kind, reads every event of the kind). Written with an event's participants, in the
-- same transaction (RecordWriter); removed with the event.
CREATE TABLE participant_events (
    participant_id  TEXT NOT NULL REFERENCES participants (id),
    sort_key        TEXT NOT NULL,
    event_id        TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    PRIMARY KEY (participant_id, sort_key, event_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX ix_participant_events_event_id ON participant_events (event_id);

INSERT INTO participant_events (participant_id, sort_key, event_id)
SELECT DISTINCT ep.participant_id, e.sort_key, ep.event_id
FROM event_participants ep JOIN events e ON e.id = ep.event_id;
