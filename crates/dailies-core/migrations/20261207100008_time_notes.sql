-- Notes pinned to a moment of a clip ("the hand melts at 3.2 s"), shown as markers on the
-- player's timeline. Append-only: never edit once landed; add a new file.
CREATE TABLE clip_time_notes (
    id            INTEGER PRIMARY KEY,
    clip_id       TEXT NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
    at_ms         INTEGER NOT NULL CHECK (at_ms >= 0),
    text          TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
    created_at_ms INTEGER NOT NULL
);
-- A run's notes are read by clip; in time order per clip.
CREATE INDEX clip_time_notes_clip ON clip_time_notes(clip_id, at_ms);
