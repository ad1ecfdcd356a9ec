-- Blind A/B votes between two clips of one run. Append-only: never edit once landed.

-- The creator saw both clips without their model names, sides shuffled, and said which
-- was better on one criterion (or that they tie). The personal leaderboard is replayed
-- from these rows in order.
CREATE TABLE votes (
    id            INTEGER PRIMARY KEY,
    run_id        TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    left_clip_id  TEXT NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
    right_clip_id TEXT NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
    winner        TEXT NOT NULL CHECK (winner IN ('left', 'right', 'tie')),
    criterion     TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    CHECK (left_clip_id <> right_clip_id)
);
CREATE INDEX votes_run ON votes(run_id);
