-- One "continue" model for remix and extend. Append-only: never edit once landed.
--
-- `remix_of_clip_id` (20261206000001) already links a clip made from another one; it now
-- links every continuation, and `continue_kind` says which: a remix (a new prompt over the
-- source, OpenAI) or an extension (new footage after the source: fal, Google, Luma, ...).
ALTER TABLE clips ADD COLUMN continue_kind TEXT
    CHECK (continue_kind IS NULL OR continue_kind IN ('remix', 'extend'));

-- Every continuation made before this file was a remix.
UPDATE clips SET continue_kind = 'remix' WHERE remix_of_clip_id IS NOT NULL;
