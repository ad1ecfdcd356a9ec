-- Frame timing read from the file. Append-only: never edit once landed; add a new file.

-- Nominal frames per second of the video track and its number of frames, NULL for clips
-- probed before this column existed or files that do not say; the player then falls back.
ALTER TABLE clips ADD COLUMN fps REAL;
ALTER TABLE clips ADD COLUMN frame_count INTEGER;
