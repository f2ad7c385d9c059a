-- V0004: covering indexes for the console's all-time overview (issue 13, SPEC section 7). On
-- 100,000 chats it reads every disposition change and every conference request; each index
-- below already served those reads, and now also holds the columns they take, so the read
-- is one pass over the index with no lookup of the table row. Each replaces an index under
-- the same name, whose columns are its prefix (every lookup the old one served it serves), so
-- ingest keeps the same number of indexes to maintain, each a little wider.

-- The disposition codes that stand (the latest change per agent and interaction): the pairs'
-- changes in id order and, now, their codes (before: a second pass over the table for them).
DROP INDEX disposition_changes_interaction;
CREATE INDEX disposition_changes_interaction ON disposition_changes (interaction_id, agent_id, id, code);

-- The conference report's rows by kind and time, with what its figures count (target kind,
-- outcome, wait) and filter on (the requesting agent), and the id its join needs.
DROP INDEX requests_kind_time;
CREATE INDEX requests_kind_time ON requests (kind, requested_at, target_kind, outcome, answered_at, from_agent, id);

-- The connection a request created, with every column the conference report reads from it.
DROP INDEX connections_request;
CREATE INDEX connections_request ON connections (request_id, party_id, left_at, leave_reason, became_owner)
    WHERE request_id IS NOT NULL;
