-- Dailies library, first schema. Append-only: never edit once landed; add a new file.

CREATE TABLE prompts (
    id              INTEGER PRIMARY KEY,
    text            TEXT NOT NULL,
    negative_prompt TEXT,
    created_at      TEXT NOT NULL
);

CREATE TABLE runs (
    id                 TEXT PRIMARY KEY,
    prompt_id          INTEGER NOT NULL REFERENCES prompts(id),
    params_json        TEXT NOT NULL,
    estimated_cost_usd REAL NOT NULL,
    demo               INTEGER NOT NULL DEFAULT 0,
    created_at         TEXT NOT NULL
);
CREATE INDEX runs_created ON runs(created_at);

-- One row per model in a run. A row exists before its submit request is sent, and
-- provider_job_id is written the moment the provider returns it: that ordering is
-- what lets `resume` continue a job without ever submitting it twice.
CREATE TABLE clips (
    id                   TEXT PRIMARY KEY,
    run_id               TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    position             INTEGER NOT NULL,
    model                TEXT NOT NULL,
    model_name           TEXT NOT NULL,
    route                TEXT NOT NULL,
    endpoint             TEXT NOT NULL,
    base_url             TEXT NOT NULL,
    status               TEXT NOT NULL,
    resolved_json        TEXT NOT NULL,
    parity_json          TEXT NOT NULL,
    request_json         TEXT NOT NULL,
    provider_job_id      TEXT,
    provider_handle_json TEXT,
    error_code           TEXT,
    error_message        TEXT,
    estimated_cost_usd   REAL NOT NULL,
    cost_usd             REAL,
    billed_cost_usd      REAL,
    queue_position       INTEGER,
    progress             REAL,
    submitted_at_ms      INTEGER,
    started_at_ms        INTEGER,
    completed_at_ms      INTEGER,
    downloaded_at_ms     INTEGER,
    file_path            TEXT,
    media_path           TEXT,
    width                INTEGER,
    height               INTEGER,
    duration_s           REAL,
    has_audio            INTEGER,
    size_bytes           INTEGER,
    demo                 INTEGER NOT NULL DEFAULT 0,
    created_at_ms        INTEGER NOT NULL
);
CREATE INDEX clips_run ON clips(run_id, position);
CREATE INDEX clips_status ON clips(status);

-- Every observation of a job, with the provider's raw status word kept verbatim.
CREATE TABLE job_events (
    id         INTEGER PRIMARY KEY,
    clip_id    TEXT NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
    at_ms      INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    state      TEXT,
    raw_status TEXT,
    detail     TEXT
);
CREATE INDEX job_events_clip ON job_events(clip_id, id);
