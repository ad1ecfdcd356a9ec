-- The library as a place to keep and iterate: lineage, winners, takes, notes, tags, boards,
-- a trash and poster frames. Append-only: never edit once landed; add a new file.

-- A re-run records the run it came from; a chain of them is one iteration of a prompt.
ALTER TABLE runs ADD COLUMN parent_run_id TEXT REFERENCES runs(id) ON DELETE SET NULL;
-- The take the creator picked as the run's best; cleared if that clip is deleted for good.
ALTER TABLE runs ADD COLUMN winner_clip_id TEXT REFERENCES clips(id) ON DELETE SET NULL;
-- Set when the run went to the trash (hidden everywhere, restorable); NULL when live.
ALTER TABLE runs ADD COLUMN deleted_at_ms INTEGER;
CREATE INDEX runs_parent ON runs(parent_run_id) WHERE parent_run_id IS NOT NULL;

-- 1-based take number of a model within its run (`compare --takes N`).
ALTER TABLE clips ADD COLUMN take INTEGER NOT NULL DEFAULT 1 CHECK (take >= 1);
-- A creator's short note on one clip.
ALTER TABLE clips ADD COLUMN note TEXT;
-- Set when the clip went to the trash on its own or with its run.
ALTER TABLE clips ADD COLUMN deleted_at_ms INTEGER;
-- A still frame extracted once when the clip landed (file name in the media folder);
-- NULL when none could be made (no ffmpeg, or an unreadable file).
ALTER TABLE clips ADD COLUMN poster_path TEXT;

-- Free-form labels on clips; the same word on many clips. Stored trimmed and lower-cased.
CREATE TABLE clip_tags (
    clip_id TEXT NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
    tag     TEXT NOT NULL CHECK (length(tag) BETWEEN 1 AND 64),
    PRIMARY KEY (clip_id, tag)
) WITHOUT ROWID;
CREATE INDEX clip_tags_tag ON clip_tags(tag, clip_id);

-- Named collections; a clip can sit on many boards.
CREATE TABLE boards (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) BETWEEN 1 AND 80),
    created_at_ms INTEGER NOT NULL
);
CREATE TABLE board_clips (
    board_id    INTEGER NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    clip_id     TEXT NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
    added_at_ms INTEGER NOT NULL,
    PRIMARY KEY (board_id, clip_id)
) WITHOUT ROWID;
CREATE INDEX board_clips_clip ON board_clips(clip_id);
