-- Creator ratings. Append-only: never edit once landed; add a new file.

-- 1 to 5 stars on a clip, NULL when unrated: the library's "which take was best".
ALTER TABLE clips ADD COLUMN rating INTEGER CHECK (rating BETWEEN 1 AND 5);
CREATE INDEX clips_rating ON clips(rating) WHERE rating IS NOT NULL;
CREATE INDEX clips_model_route ON clips(model, route);
