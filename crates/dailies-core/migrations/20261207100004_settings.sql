-- One settings store for the app and the CLI (`dailies settings`). Values are validated
-- text (see src/settings); keys never live here (they stay in the keychain).
CREATE TABLE settings (
    key           TEXT PRIMARY KEY,
    value         TEXT NOT NULL,
    updated_at_ms INTEGER NOT NULL
) WITHOUT ROWID;

-- Budgets sum what was sent in a period: read through an index, not a scan of every clip.
CREATE INDEX clips_sent ON clips(submitted_at_ms) WHERE submitted_at_ms IS NOT NULL AND demo = 0;
