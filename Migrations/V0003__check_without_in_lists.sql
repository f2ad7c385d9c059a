-- V0003: the same value constraints, cheaper to check (issue 15, "schema costs").
--
-- A `CHECK (x IN ('a', 'b', 'c'))` with more than two constants makes SQLite build an ephemeral
-- B-tree of the list every time the statement runs (OpenEphemeral in EXPLAIN), and the store
-- runs one INSERT per row: about 12 % of an import went there. A chain of `=` joined by `OR`
-- accepts and refuses exactly the same values (the columns are STRICT TEXT, compared with the
-- same BINARY collation; NULL gives NULL in both forms, so a nullable column still accepts NULL)
-- and compiles to plain comparisons. Each CHECK stays on one line: SQLite quotes the
-- constraint's text in its error ("CHECK constraint failed: …"), where a line break would show.
-- Measured per row with the system SQLite 3.40 (one prepared INSERT, 200,000 rows): IN 5.9 us,
-- OR 2.5 us, CASE 2.7 us, a lookup table with a foreign key 2.5 us, a BEFORE INSERT trigger
-- 3.4 us, no CHECK at all 2.6 us. OR is as cheap as the lookup table and keeps the constraint
-- in the table itself.
--
-- Lists of two constants (interactions.kind, interactions.status, timeline.visibility,
-- requests.mode, connections.party_kind, the 0/1 flags) are already compiled to comparisons
-- and stay as they are.
--
-- SQLite cannot change a CHECK in place, so connections, timeline, requests and agent_states
-- are rebuilt following "Making Other Kinds Of Table Schema Changes" (sqlite.org/lang_altertable):
-- the migrator runs this with foreign_keys OFF inside one transaction and runs
-- foreign_key_check before committing; each table is created under a new name, filled with
-- every row (rowids kept, so ids, order and the hash chains are byte-for-byte the same), the
-- old table dropped (its indexes and triggers go with it), the new one renamed, and the
-- indexes and the append-only triggers created again exactly as V0001 made them. Nothing
-- refers to the new names, so the rename rewrites no other table's foreign keys.

-- connections -------------------------------------------------------------------------------
CREATE TABLE connections_v3 (
    id           INTEGER PRIMARY KEY,
    interaction_id TEXT  NOT NULL REFERENCES interactions (id),
    party_id     TEXT    NOT NULL,
    party_kind   TEXT    NOT NULL CHECK (party_kind IN ('contact', 'agent')),
    role         TEXT    NOT NULL CHECK (role = 'contact' OR role = 'owner' OR role = 'conference' OR role = 'transfer' OR role = 'consultation'),
    joined_at    INTEGER NOT NULL,
    left_at      INTEGER,
    leave_reason TEXT    CHECK (leave_reason = 'ended' OR leave_reason = 'disconnected' OR leave_reason = 'removed' OR leave_reason = 'chat_ended' OR leave_reason = 'transferred' OR leave_reason = 'conferenced'),
    removed_by   TEXT,
    request_id   TEXT    REFERENCES requests (id),
    -- 1 when the interaction passed to this agent because the owner left or was removed.
    became_owner INTEGER NOT NULL DEFAULT 0 CHECK (became_owner IN (0, 1)),
    CHECK ((left_at IS NULL) = (leave_reason IS NULL)),
    CHECK (removed_by IS NULL OR leave_reason = 'removed')
) STRICT;
INSERT INTO connections_v3 (id, interaction_id, party_id, party_kind, role, joined_at, left_at,
                            leave_reason, removed_by, request_id, became_owner)
SELECT id, interaction_id, party_id, party_kind, role, joined_at, left_at,
       leave_reason, removed_by, request_id, became_owner
FROM connections ORDER BY id;
DROP TABLE connections;
ALTER TABLE connections_v3 RENAME TO connections;
CREATE INDEX connections_interaction ON connections (interaction_id, id);
CREATE INDEX connections_party ON connections (party_id, interaction_id);
CREATE INDEX connections_request ON connections (request_id) WHERE request_id IS NOT NULL;
CREATE INDEX connections_left ON connections (left_at) WHERE left_at IS NOT NULL;
CREATE TRIGGER connections_leave_once BEFORE UPDATE OF left_at, leave_reason ON connections
WHEN OLD.left_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'connections: a connection that ended cannot change'); END;
CREATE TRIGGER connections_no_delete BEFORE DELETE ON connections
WHEN (SELECT open FROM purge_gate WHERE id = 1) = 0
BEGIN SELECT RAISE(ABORT, 'connections is append-only: history is deleted only by storectl purge'); END;

-- timeline ----------------------------------------------------------------------------------
CREATE TABLE timeline_v3 (
    id             INTEGER PRIMARY KEY,
    interaction_id TEXT    NOT NULL REFERENCES interactions (id),
    seq            INTEGER NOT NULL CHECK (seq >= 1),
    at             INTEGER NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind = 'joined' OR kind = 'left' OR kind = 'removed' OR kind = 'ownership' OR kind = 'message'),
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
INSERT INTO timeline_v3 (id, interaction_id, seq, at, kind, party_id, text, visibility, reason,
                         by_party, event_seq, prev_hash, hash)
SELECT id, interaction_id, seq, at, kind, party_id, text, visibility, reason,
       by_party, event_seq, prev_hash, hash
FROM timeline ORDER BY id;
DROP TABLE timeline;
ALTER TABLE timeline_v3 RENAME TO timeline;
CREATE INDEX timeline_event ON timeline (event_seq);
CREATE TRIGGER timeline_no_update BEFORE UPDATE ON timeline
BEGIN SELECT RAISE(ABORT, 'timeline is append-only: history cannot be updated'); END;
CREATE TRIGGER timeline_no_delete BEFORE DELETE ON timeline
WHEN (SELECT open FROM purge_gate WHERE id = 1) = 0
BEGIN SELECT RAISE(ABORT, 'timeline is append-only: history is deleted only by storectl purge'); END;

-- requests ----------------------------------------------------------------------------------
CREATE TABLE requests_v3 (
    id              TEXT    PRIMARY KEY,
    kind            TEXT    NOT NULL CHECK (kind = 'conference' OR kind = 'consultation' OR kind = 'transfer'),
    -- The event's interaction: where the request was made; for a consultation request, the
    -- consultation it creates (its parent is interactions.parent_id).
    interaction_id  TEXT    NOT NULL REFERENCES interactions (id),
    -- For a consultation-mode conference: the consultation it converts.
    consultation_id TEXT    REFERENCES interactions (id),
    from_agent      TEXT    NOT NULL,
    target_kind     TEXT    NOT NULL CHECK (target_kind = 'agent' OR target_kind = 'queue' OR target_kind = 'routing_point'),
    target_id       TEXT    NOT NULL,
    mode            TEXT    CHECK (mode IN ('instant', 'consultation')),
    requested_at    INTEGER NOT NULL,
    status          TEXT    NOT NULL CHECK (status = 'pending' OR status = 'accepted' OR status = 'released'),
    outcome         TEXT    CHECK (outcome = 'accepted' OR outcome = 'declined' OR outcome = 'timeout' OR outcome = 'cancelled'),
    answered_at     INTEGER,
    accepted_by     TEXT,
    requested_seq   INTEGER NOT NULL REFERENCES events (seq),
    CHECK ((kind = 'conference') = (mode IS NOT NULL)),
    CHECK ((status = 'pending') = (outcome IS NULL)),
    CHECK ((status = 'pending') = (answered_at IS NULL))
) STRICT;
-- requests has a TEXT primary key: its rowid is copied too, so the table's order is unchanged.
INSERT INTO requests_v3 (rowid, id, kind, interaction_id, consultation_id, from_agent, target_kind,
                         target_id, mode, requested_at, status, outcome, answered_at, accepted_by,
                         requested_seq)
SELECT rowid, id, kind, interaction_id, consultation_id, from_agent, target_kind,
       target_id, mode, requested_at, status, outcome, answered_at, accepted_by,
       requested_seq
FROM requests ORDER BY rowid;
DROP TABLE requests;
ALTER TABLE requests_v3 RENAME TO requests;
CREATE INDEX requests_interaction ON requests (interaction_id, status);
CREATE INDEX requests_consultation ON requests (consultation_id) WHERE consultation_id IS NOT NULL;
CREATE INDEX requests_kind_time ON requests (kind, requested_at);
CREATE TRIGGER requests_answer_once BEFORE UPDATE ON requests
WHEN OLD.status <> 'pending'
BEGIN SELECT RAISE(ABORT, 'requests: an answered request cannot change'); END;
CREATE TRIGGER requests_no_delete BEFORE DELETE ON requests
WHEN (SELECT open FROM purge_gate WHERE id = 1) = 0
BEGIN SELECT RAISE(ABORT, 'requests is append-only: history is deleted only by storectl purge'); END;

-- agent_states ------------------------------------------------------------------------------
CREATE TABLE agent_states_v3 (
    id        INTEGER PRIMARY KEY,
    agent_id  TEXT    NOT NULL,
    channel   TEXT    NOT NULL,
    state     TEXT    NOT NULL CHECK (state = 'logged_in' OR state = 'ready' OR state = 'not_ready' OR state = 'after_call_work' OR state = 'logged_out'),
    reason    TEXT,
    at        INTEGER NOT NULL,
    event_seq INTEGER NOT NULL UNIQUE REFERENCES events (seq)
) STRICT;
INSERT INTO agent_states_v3 (id, agent_id, channel, state, reason, at, event_seq)
SELECT id, agent_id, channel, state, reason, at, event_seq
FROM agent_states ORDER BY id;
DROP TABLE agent_states;
ALTER TABLE agent_states_v3 RENAME TO agent_states;
-- Covering (state, reason): the agents and after-call work reports read only this index.
CREATE INDEX agent_states_agent ON agent_states (agent_id, channel, at, id, state, reason);
CREATE INDEX agent_states_at ON agent_states (at);
CREATE TRIGGER agent_states_no_update BEFORE UPDATE ON agent_states
BEGIN SELECT RAISE(ABORT, 'agent_states is append-only: history cannot be updated'); END;
CREATE TRIGGER agent_states_no_delete BEFORE DELETE ON agent_states
WHEN (SELECT open FROM purge_gate WHERE id = 1) = 0
BEGIN SELECT RAISE(ABORT, 'agent_states is append-only: history is deleted only by storectl purge'); END;
