-- The element library: characters or objects bound to @Element1… in a prompt (fal's Kling
-- `elements`). Images are copies inside the library (paths relative to the data dir, so a
-- moved library keeps them). Append-only: never edit once landed; add a new file.
CREATE TABLE elements (
    id                    TEXT PRIMARY KEY,
    name                  TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) BETWEEN 1 AND 80),
    frontal_image         TEXT NOT NULL,
    -- JSON list of 1–3 relative paths.
    reference_images_json TEXT NOT NULL,
    created_at_ms         INTEGER NOT NULL
);
