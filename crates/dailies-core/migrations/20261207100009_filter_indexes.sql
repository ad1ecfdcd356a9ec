-- Filters that find few clips in a large library (`--route openai --status failed`) are read
-- through these instead of scanning runs newest first until a page is full (53 ms at 100k
-- clips, release build). Append-only: never edit once landed; add a new file.
-- Each carries `deleted_at_ms` although its rows all have it NULL: SQLite counts an index as
-- covering only if it holds every column the query names, its own WHERE's included.

-- Live clips by route and status, newest first within them, carrying the run: the clip grid
-- reads a filtered page in order, and the run list collects the matching runs, from the
-- index alone.
CREATE INDEX clips_live_route_status ON clips(route, status, created_at_ms, id, run_id, deleted_at_ms)
    WHERE deleted_at_ms IS NULL;
-- A live run's place in the list by its id, without reading the run row.
CREATE INDEX runs_live_by_id ON runs(id, prompt_id, deleted_at_ms) WHERE deleted_at_ms IS NULL;
-- What a run's summary line adds up from its live clips, so a page of runs scattered over a
-- large library (a search's matches) is summed from the index, not from the wide clip rows.
CREATE INDEX clips_run_summary ON clips(run_id, model, status, cost_usd, billed_cost_usd, rating, deleted_at_ms)
    WHERE deleted_at_ms IS NULL;
