-- The Stats view's series read the clips sent since a date (`submitted_at_ms >= ?`) that
-- are not in the trash: a range over this index instead of a scan of every clip.
CREATE INDEX clips_stats_sent ON clips(submitted_at_ms) WHERE deleted_at_ms IS NULL AND submitted_at_ms IS NOT NULL;
