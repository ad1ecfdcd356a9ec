-- Remix lineage and clip leases. Append-only: never edit once landed; add a new file.

-- A remix (OpenAI `POST /videos/{id}/remix`) is a new clip made from a finished one; the
-- source stays in the library, so the link is kept, and cleared if the source is deleted.
ALTER TABLE clips ADD COLUMN remix_of_clip_id TEXT REFERENCES clips(id) ON DELETE SET NULL;

-- The process that is following a clip holds a lease on it and renews it while it works.
-- Another process (the app resuming at launch while the CLI runs a compare) leaves a clip
-- with a live lease alone: one follower, one download, never a second submit.
ALTER TABLE clips ADD COLUMN lease_owner TEXT;
ALTER TABLE clips ADD COLUMN lease_until_ms INTEGER;
