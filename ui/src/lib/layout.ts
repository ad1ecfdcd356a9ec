// Sizing the clip grid to the stage: as few rows as it takes for the tiles to be as large
// as possible while every tile (frame plus footer) stays on screen.

export interface GridSpace {
  count: number;
  /** Stage content box in CSS pixels. */
  width: number;
  height: number;
  /** Frame width / height. */
  aspect: number;
  /** Height of a tile's footer under the frame. */
  footer: number;
  gap: number;
  /** Below this width tiles stop shrinking and the stage scrolls instead. */
  minTile: number;
  maxColumns: number;
}

export interface GridFit {
  columns: number;
  tileWidth: number;
}

/** Null until the stage has been measured (and in jsdom, which measures nothing). */
export function fitGrid(s: GridSpace): GridFit | null {
  if (s.count === 0 || s.width <= 0 || s.height <= 0 || s.aspect <= 0) return null;
  const widthFor = (columns: number) => (s.width - s.gap * (columns - 1)) / columns;
  let best: GridFit = { columns: 1, tileWidth: 0 };
  for (let columns = 1; columns <= Math.min(s.count, s.maxColumns); columns++) {
    const rows = Math.ceil(s.count / columns);
    const frameHeight = (s.height - s.gap * (rows - 1)) / rows - s.footer;
    const tileWidth = Math.min(widthFor(columns), frameHeight * s.aspect);
    if (tileWidth > best.tileWidth) best = { columns, tileWidth };
  }
  if (best.tileWidth < s.minTile) {
    // Too many clips to fit: keep them readable and let the stage scroll.
    const columns = Math.max(1, Math.min(s.count, s.maxColumns, Math.floor((s.width + s.gap) / (s.minTile + s.gap))));
    return { columns, tileWidth: Math.floor(widthFor(columns)) };
  }
  return { columns: best.columns, tileWidth: Math.floor(best.tileWidth) };
}
