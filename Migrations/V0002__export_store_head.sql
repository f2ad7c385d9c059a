-- V0002: anchored exports (SPEC section 4, "Anchored history").
--
-- Each incremental export run's manifest carries `store_head` = SHA-256 of the previous run's
-- store_head followed by the hex SHA-256 of the run's chains.ndjson. The last incremental run's
-- store_head is kept next to the watermark and moved in the same transaction, so the next run
-- links to exactly the run before it. NULL: no incremental run has been anchored yet (the next
-- one links to 64 zeros).
ALTER TABLE export_watermark ADD COLUMN store_head TEXT
    CHECK (store_head IS NULL OR (length(store_head) = 64 AND store_head NOT GLOB '*[^0-9a-f]*'));
