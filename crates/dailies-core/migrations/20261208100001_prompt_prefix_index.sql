-- Prefix indexes for search as you type. The last word a creator types is matched as a prefix
-- (`lighthouse in` is `"lighthouse" "in"*`); without a prefix index FTS5 answers `in*` by
-- merging the document lists of every term starting with `in` in full before it can return
-- the newest page, so a short prefix cost time in proportion to the whole library. With an
-- index for prefixes of 1 to 4 characters (the ones typed while a word is still short; a
-- longer prefix matches few terms), such a prefix is read like one term: newest first,
-- stopping after a page. FTS5 takes its options only when a table is created, so the table
-- is rebuilt from `prompts` (external content: no text is copied); the triggers on `prompts`
-- name the table and keep working.
DROP TABLE prompt_fts;
CREATE VIRTUAL TABLE prompt_fts USING fts5(
    text,
    content = 'prompts',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3 4'
);
INSERT INTO prompt_fts (prompt_fts) VALUES ('rebuild');
