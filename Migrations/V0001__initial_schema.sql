-- InteractionStore schema, version 1. Times are INTEGER milliseconds since the epoch (UTC).
-- Forward only: never edit this file once shipped; add V0002__… instead.

-- The ledger of applied events: one row per stored event id. `seq` is the store's
-- monotonic change sequence (export watermarks count in it); `content_hash` is the SHA-256
-- of the event's canonical form, so a repeat is recognised and a conflicting reuse refused.
CREATE TABLE events (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id     TEXT    NOT NULL UNIQUE,
    type         TEXT    NOT NULL,
    at           INTEGER NOT NULL,
    content_hash BLOB    NOT NULL CHECK (length(content_hash) = 32)
) STRICT;

-- Chats and consultations. Mutable current state; history lives in `timeline`.
CREATE TABLE interactions (
    id            TEXT    PRIMARY KEY,
    kind          TEXT    NOT NULL CHECK (kind IN ('chat', 'consultation')),
    parent_id     TEXT    REFERENCES interactions (id),
    contact_id    TEXT,
    contact_name  TEXT,
    owner_id      TEXT,
    status        TEXT    NOT NULL CHECK (status IN ('active', 'ended')),
    started_at    INTEGER NOT NULL,
    ended_at      INTEGER,
    -- 1 once an explicit chat.ended was stored (a second one is refused).
    end_event_seen INTEGER NOT NULL DEFAULT 0 CHECK (end_event_seen IN (0, 1)),
    latest_at     INTEGER NOT NULL,
    started_seq   INTEGER NOT NULL REFERENCES events (seq),
    -- The change sequence at which the interaction (and, for a chat, its consultations)
    -- became final: export picks it up in the first run after that.
    final_seq     INTEGER,
    next_entry    INTEGER NOT NULL DEFAULT 1,
    chain_head    BLOB,
    CHECK ((kind = 'chat') = (parent_id IS NULL)),
    CHECK ((status = 'ended') = (ended_at IS NOT NULL))
) STRICT;
CREATE INDEX interactions_parent ON interactions (parent_id);
CREATE INDEX interactions_started ON interactions (started_at);
CREATE INDEX interactions_final ON interactions (final_seq) WHERE final_seq IS NOT NULL;
CREATE INDEX interactions_active ON interactions (status, ended_at);

-- One row per connection of a party to an interaction (an agent may leave and join again).
CREATE TABLE connections (
    id           INTEGER PRIMARY KEY,
    interaction_id TEXT  NOT NULL REFERENCES interactions (id),
    party_id     TEXT    NOT NULL,
    party_kind   TEXT    NOT NULL CHECK (party_kind IN ('contact', 'agent')),
    role         TEXT    NOT NULL CHECK (role IN ('contact', 'owner', 'conference', 'transfer', 'consultation')),
    joined_at    INTEGER NOT NULL,
    left_at      INTEGER,
    leave_reason TEXT    CHECK (leave_reason IN ('ended', 'disconnected', 'removed', 'chat_ended', 'transferred', 'conferenced')),
    removed_by   TEXT,
    request_id   TEXT    REFERENCES requests (id),
    -- 1 when the interaction passed to this agent because the owner left or was removed.
    became_owner INTEGER NOT NULL DEFAULT 0 CHECK (became_owner IN (0, 1)),
    CHECK ((left_at IS NULL) = (leave_reason IS NULL)),
    CHECK (removed_by IS NULL OR leave_reason = 'removed')
) STRICT;
CREATE INDEX connections_interaction ON connections (interaction_id, id);
CREATE INDEX connections_party ON connections (party_id, interaction_id);
CREATE INDEX connections_request ON connections (request_id) WHERE request_id IS NOT NULL;
CREATE INDEX connections_left ON connections (left_at) WHERE left_at IS NOT NULL;

-- The append-only timeline of each interaction: messages and party events, numbered from 1,
-- each chained to the one before by SHA-256 (hash = SHA-256(prev_hash || canonical entry)).
CREATE TABLE timeline (
    id             INTEGER PRIMARY KEY,
    interaction_id TEXT    NOT NULL REFERENCES interactions (id),
    seq            INTEGER NOT NULL CHECK (seq >= 1),
    at             INTEGER NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('joined', 'left', 'removed', 'ownership', 'message')),
    party_id       TEXT    NOT NULL,
    text           TEXT,
    visibility     TEXT    NOT NULL CHECK (visibility IN ('all', 'agents')),
    reason         TEXT,
    by_party       TEXT,
    event_seq      INTEGER NOT NULL REFERENCES events (seq),
    prev_hash      BLOB    NOT NULL CHECK (length(prev_hash) = 32),
    hash           BLOB    NOT NULL CHECK (length(hash) = 32),
    CHECK ((kind = 'message') = (text IS NOT NULL)),
    UNIQUE (interaction_id, seq)
) STRICT;
CREATE INDEX timeline_event ON timeline (event_seq);

-- Conference, consultation and transfer requests.
CREATE TABLE requests (
    id              TEXT    PRIMARY KEY,
    kind            TEXT    NOT NULL CHECK (kind IN ('conference', 'consultation', 'transfer')),
    -- The event's interaction: where the request was made; for a consultation request, the
    -- consultation it creates (its parent is interactions.parent_id).
    interaction_id  TEXT    NOT NULL REFERENCES interactions (id),
    -- For a consultation-mode conference: the consultation it converts.
    consultation_id TEXT    REFERENCES interactions (id),
    from_agent      TEXT    NOT NULL,
    target_kind     TEXT    NOT NULL CHECK (target_kind IN ('agent', 'queue', 'routing_point')),
    target_id       TEXT    NOT NULL,
    mode            TEXT    CHECK (mode IN ('instant', 'consultation')),
    requested_at    INTEGER NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'accepted', 'released')),
    outcome         TEXT    CHECK (outcome IN ('accepted', 'declined', 'timeout', 'cancelled')),
    answered_at     INTEGER,
    accepted_by     TEXT,
    requested_seq   INTEGER NOT NULL REFERENCES events (seq),
    CHECK ((kind = 'conference') = (mode IS NOT NULL)),
    CHECK ((status = 'pending') = (outcome IS NULL)),
    CHECK ((status = 'pending') = (answered_at IS NULL))
) STRICT;
CREATE INDEX requests_interaction ON requests (interaction_id, status);
CREATE INDEX requests_consultation ON requests (consultation_id) WHERE consultation_id IS NOT NULL;
CREATE INDEX requests_kind_time ON requests (kind, requested_at);

-- The disposition catalog.
CREATE TABLE disposition_codes (
    code       TEXT    PRIMARY KEY,
    label      TEXT    NOT NULL,
    defined_at INTEGER NOT NULL,
    retired_at INTEGER
) STRICT;

-- Every disposition a agent set, append-only; the latest per (interaction, agent) stands.
CREATE TABLE disposition_changes (
    id             INTEGER PRIMARY KEY,
    interaction_id TEXT    NOT NULL REFERENCES interactions (id),
    agent_id       TEXT    NOT NULL,
    code           TEXT    NOT NULL REFERENCES disposition_codes (code),
    at             INTEGER NOT NULL,
    event_seq      INTEGER NOT NULL UNIQUE REFERENCES events (seq)
) STRICT;
CREATE INDEX disposition_changes_interaction ON disposition_changes (interaction_id, agent_id, id);
CREATE INDEX disposition_changes_code ON disposition_changes (code);

-- Agent ready-state changes, append-only; a period runs to the same agent's next change.
CREATE TABLE agent_states (
    id        INTEGER PRIMARY KEY,
    agent_id  TEXT    NOT NULL,
    channel   TEXT    NOT NULL,
    state     TEXT    NOT NULL CHECK (state IN ('logged_in', 'ready', 'not_ready', 'after_call_work', 'logged_out')),
    reason    TEXT,
    at        INTEGER NOT NULL,
    event_seq INTEGER NOT NULL UNIQUE REFERENCES events (seq)
) STRICT;
-- Covering (state, reason): the agents and after-call work reports read only this index.
CREATE INDEX agent_states_agent ON agent_states (agent_id, channel, at, id, state, reason);
CREATE INDEX agent_states_at ON agent_states (at);

-- Export bookkeeping: the watermark (last exported change sequence) and the runs.
CREATE TABLE export_runs (
    id          INTEGER PRIMARY KEY,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER NOT NULL,
    from_seq    INTEGER NOT NULL,
    to_seq      INTEGER NOT NULL,
    format      TEXT    NOT NULL CHECK (format IN ('ndjson', 'csv')),
    full        INTEGER NOT NULL CHECK (full IN (0, 1)),
    redacted    INTEGER NOT NULL CHECK (redacted IN (0, 1)),
    directory   TEXT    NOT NULL,
    rows        INTEGER NOT NULL,
    manifest    TEXT    NOT NULL
) STRICT;
CREATE TABLE export_watermark (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL
) STRICT;
INSERT INTO export_watermark (id, seq) VALUES (1, 0);

-- Retention: what each purge removed, with the chain heads of the purged interactions.
CREATE TABLE purges (
    id           INTEGER PRIMARY KEY,
    purged_at    INTEGER NOT NULL,
    cutoff       INTEGER NOT NULL,
    interactions INTEGER NOT NULL,
    entries      INTEGER NOT NULL,
    chain_heads  TEXT    NOT NULL
) STRICT;

-- The one sanctioned way to delete history: purge sets `open = 1` inside its transaction and
-- back to 0 before committing. Every other UPDATE or DELETE of history is refused below.
CREATE TABLE purge_gate (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    open INTEGER NOT NULL CHECK (open IN (0, 1))
) STRICT;
INSERT INTO purge_gate (id, open) VALUES (1, 0);

CREATE TRIGGER timeline_no_update BEFORE UPDATE ON timeline
BEGIN SELECT RAISE(ABORT, 'timeline is append-only: history cannot be updated'); END;
CREATE TRIGGER timeline_no_delete BEFORE DELETE ON timeline
WHEN (SELECT open FROM purge_gate WHERE id = 1) = 0
BEGIN SELECT RAISE(ABORT, 'timeline is append-only: history is deleted only by storectl purge'); END;

CREATE TRIGGER disposition_changes_no_update BEFORE UPDATE ON disposition_changes
BEGIN SELECT RAISE(ABORT, 'disposition_changes is append-only: history cannot be updated'); END;
CREATE TRIGGER disposition_changes_no_delete BEFORE DELETE ON disposition_changes
WHEN (SELECT open FROM purge_gate WHERE id = 1) = 0
BEGIN SELECT RAISE(ABORT, 'disposition_changes is append-only: history is deleted only by storectl purge'); END;

CREATE TRIGGER agent_states_no_update BEFORE UPDATE ON agent_states
BEGIN SELECT RAISE(ABORT, 'agent_states is append-only: history cannot be updated'); END;
CREATE TRIGGER agent_states_no_delete BEFORE DELETE ON agent_states
WHEN (SELECT open FROM purge_gate WHERE id = 1) = 0
BEGIN SELECT RAISE(ABORT, 'agent_states is append-only: history is deleted only by storectl purge'); END;

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events is append-only: the ledger cannot be updated'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
WHEN (SELECT open FROM purge_gate WHERE id = 1) = 0
BEGIN SELECT RAISE(ABORT, 'events is append-only: the ledger is deleted only by storectl purge'); END;

-- A connection's end is written once; requests are answered once.
CREATE TRIGGER connections_leave_once BEFORE UPDATE OF left_at, leave_reason ON connections
WHEN OLD.left_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'connections: a connection that ended cannot change'); END;
CREATE TRIGGER connections_no_delete BEFORE DELETE ON connections
WHEN (SELECT open FROM purge_gate WHERE id = 1) = 0
BEGIN SELECT RAISE(ABORT, 'connections is append-only: history is deleted only by storectl purge'); END;
CREATE TRIGGER requests_answer_once BEFORE UPDATE ON requests
WHEN OLD.status <> 'pending'
BEGIN SELECT RAISE(ABORT, 'requests: an answered request cannot change'); END;
CREATE TRIGGER requests_no_delete BEFORE DELETE ON requests
WHEN (SELECT open FROM purge_gate WHERE id = 1) = 0
BEGIN SELECT RAISE(ABORT, 'requests is append-only: history is deleted only by storectl purge'); END;
CREATE TRIGGER interactions_no_delete BEFORE DELETE ON interactions
WHEN (SELECT open FROM purge_gate WHERE id = 1) = 0
BEGIN SELECT RAISE(ABORT, 'interactions are deleted only by storectl purge'); END;
