// Which rows of a fixed-row-height grid to put in the DOM: the ones in view plus a few on
// each side, so a library of 100k clips costs the same to scroll as one of 50.

export interface GridWindow {
  columns: number;
  /** First and one-past-last item index to render. */
  start: number;
  end: number;
  /** Empty space above and below the rendered rows, keeping the scrollbar honest. */
  padTop: number;
  padBottom: number;
}

export function gridColumns(width: number, minTile: number, gap: number): number {
  return Math.max(1, Math.floor((width + gap) / (minTile + gap)));
}

export function gridWindow(input: {
  count: number;
  columns: number;
  rowHeight: number;
  scrollTop: number;
  viewportHeight: number;
  /** Rows kept rendered beyond each edge of the view. */
  overscan: number;
}): GridWindow {
  const { count, columns, rowHeight, overscan } = input;
  const rows = Math.ceil(count / columns);
  const firstVisible = Math.floor(Math.max(0, input.scrollTop) / rowHeight);
  const visibleRows = Math.ceil(Math.max(0, input.viewportHeight) / rowHeight) + 1;
  const firstRow = Math.min(rows, Math.max(0, firstVisible - overscan));
  const endRow = Math.min(rows, firstVisible + visibleRows + overscan);
  return {
    columns,
    start: Math.min(count, firstRow * columns),
    end: Math.min(count, endRow * columns),
    padTop: firstRow * rowHeight,
    padBottom: Math.max(0, rows - endRow) * rowHeight,
  };
}

/** Whether the view is close enough to the end of what is loaded to fetch the next page. */
export function nearEnd(w: GridWindow, count: number, columns: number, rowsAhead: number): boolean {
  return count - w.end <= rowsAhead * columns;
}
