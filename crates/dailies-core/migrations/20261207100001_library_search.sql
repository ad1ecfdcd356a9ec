-- Library search that scales: full-text indexes and the orderings pages are read through.
-- Append-only: never edit once landed; add a new file.

-- Prompt words, case- and diacritic-insensitive (`cafe` finds "Café"). External content:
-- the text lives once, in `prompts`; the rowid is the prompt id, which grows with every run,
-- so reading matches by descending rowid is reading runs newest first.
CREATE VIRTUAL TABLE prompt_fts USING fts5(
    text,
    content = 'prompts',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO prompt_fts (prompt_fts) VALUES ('rebuild');

CREATE TRIGGER prompt_fts_insert AFTER INSERT ON prompts BEGIN
    INSERT INTO prompt_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER prompt_fts_delete AFTER DELETE ON prompts BEGIN
    INSERT INTO prompt_fts (prompt_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER prompt_fts_update AFTER UPDATE OF text ON prompts BEGIN
    INSERT INTO prompt_fts (prompt_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO prompt_fts (rowid, text) VALUES (new.id, new.text);
END;

-- A clip's own words: its tags and its note, one document per clip that has either (most
-- clips have neither, so this table stays small and rewriting a document is cheap).
CREATE VIRTUAL TABLE clip_words_fts USING fts5(
    clip_id UNINDEXED,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO clip_words_fts (clip_id, body)
SELECT c.id, trim(coalesce((SELECT group_concat(t.tag, ' ') FROM clip_tags t WHERE t.clip_id = c.id), '')
                  || ' ' || coalesce(c.note, ''))
FROM clips c
WHERE c.note IS NOT NULL OR EXISTS (SELECT 1 FROM clip_tags t WHERE t.clip_id = c.id);

CREATE TRIGGER clip_words_tag_added AFTER INSERT ON clip_tags BEGIN
    DELETE FROM clip_words_fts WHERE clip_id = new.clip_id;
    INSERT INTO clip_words_fts (clip_id, body)
    SELECT c.id, trim(coalesce((SELECT group_concat(t.tag, ' ') FROM clip_tags t WHERE t.clip_id = c.id), '')
                      || ' ' || coalesce(c.note, ''))
    FROM clips c WHERE c.id = new.clip_id;
END;
CREATE TRIGGER clip_words_tag_removed AFTER DELETE ON clip_tags BEGIN
    DELETE FROM clip_words_fts WHERE clip_id = old.clip_id;
    INSERT INTO clip_words_fts (clip_id, body)
    SELECT c.id, trim(coalesce((SELECT group_concat(t.tag, ' ') FROM clip_tags t WHERE t.clip_id = c.id), '')
                      || ' ' || coalesce(c.note, ''))
    FROM clips c
    WHERE c.id = old.clip_id AND (c.note IS NOT NULL OR EXISTS (SELECT 1 FROM clip_tags t WHERE t.clip_id = c.id));
END;
CREATE TRIGGER clip_words_note_changed AFTER UPDATE OF note ON clips BEGIN
    DELETE FROM clip_words_fts WHERE clip_id = new.id;
    INSERT INTO clip_words_fts (clip_id, body)
    SELECT c.id, trim(coalesce((SELECT group_concat(t.tag, ' ') FROM clip_tags t WHERE t.clip_id = c.id), '')
                      || ' ' || coalesce(c.note, ''))
    FROM clips c
    WHERE c.id = new.id AND (c.note IS NOT NULL OR EXISTS (SELECT 1 FROM clip_tags t WHERE t.clip_id = c.id));
END;
-- Only clips that had words have a document; the others skip the scan.
CREATE TRIGGER clip_words_clip_deleted AFTER DELETE ON clips WHEN old.note IS NOT NULL BEGIN
    DELETE FROM clip_words_fts WHERE clip_id = old.id;
END;

-- Live runs newest first (prompt ids grow with runs), the key the run list pages through.
CREATE INDEX runs_live_order ON runs(prompt_id, id) WHERE deleted_at_ms IS NULL;
-- Live clips newest first, the key the clip grid pages through.
CREATE INDEX clips_live_order ON clips(created_at_ms, id) WHERE deleted_at_ms IS NULL;
