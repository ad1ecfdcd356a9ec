-- File moves the trash still owes. A delete, restore or empty changes the rows and writes
-- one line here per media file (MP4, poster) in the same transaction; the files are then
-- put where their clip's state says (live: media/, trashed: trash/, gone: deleted) and the
-- line removed. A line left by a crash is finished at the next start, so a row never loses
-- its file and a file never outlives its row. Append-only: never edit once landed.
CREATE TABLE trash_journal (
    id            INTEGER PRIMARY KEY,
    -- No foreign key: the line must outlive the clip row when the trash is emptied.
    clip_id       TEXT NOT NULL,
    -- Relative to the media folder (and to the trash folder, which mirrors it).
    rel_path      TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL
);
-- Trashed rows are few; these keep the trash list and the "hidden" filters off full scans.
CREATE INDEX trash_runs_deleted ON runs(deleted_at_ms) WHERE deleted_at_ms IS NOT NULL;
CREATE INDEX trash_clips_deleted ON clips(deleted_at_ms) WHERE deleted_at_ms IS NOT NULL;

-- Emptying the trash deletes clips and runs other rows point at; without an index on each
-- pointing column every deleted row would scan the whole table to clear or cascade them.
CREATE INDEX trash_fk_clips_remix ON clips(remix_of_clip_id) WHERE remix_of_clip_id IS NOT NULL;
CREATE INDEX trash_fk_runs_winner ON runs(winner_clip_id) WHERE winner_clip_id IS NOT NULL;
CREATE INDEX trash_fk_runs_prompt ON runs(prompt_id);
CREATE INDEX trash_fk_votes_left ON votes(left_clip_id);
CREATE INDEX trash_fk_votes_right ON votes(right_clip_id);
