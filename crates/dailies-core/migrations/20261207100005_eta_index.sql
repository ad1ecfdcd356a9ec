-- The ETA reads the latest delivered clips of one model@route (demo and real libraries
-- apart): a partial index in that order makes it a short range scan at any library size,
-- instead of sorting every clip of the model@route.
CREATE INDEX clips_eta ON clips(model, route, demo, completed_at_ms)
    WHERE status = 'succeeded' AND deleted_at_ms IS NULL AND completed_at_ms IS NOT NULL;
