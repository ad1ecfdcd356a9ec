import { describe, expect, it } from 'vitest';
import { gridColumns, gridWindow, nearEnd } from './virtualWindow';

describe('gridWindow', () => {
  const base = { count: 10_000, columns: 4, rowHeight: 100, viewportHeight: 500, overscan: 2 };

  it('renders the rows in view plus the overscan, and pads the rest', () => {
    const w = gridWindow({ ...base, scrollTop: 0 });
    expect(w.start).toBe(0);
    expect(w.end).toBe((6 + 2) * 4); // 5 rows in view + a partial one, + 2 below
    expect(w.padTop).toBe(0);
    expect(w.padTop + (w.end - w.start) / 4 * 100 + w.padBottom).toBe(2500 * 100);
  });

  it('follows the scroll position', () => {
    const w = gridWindow({ ...base, scrollTop: 100_000 }); // row 1000
    expect(w.start).toBe(998 * 4);
    expect(w.end).toBe(1008 * 4);
    expect(w.padTop).toBe(99_800);
    expect(w.padTop + ((w.end - w.start) / 4) * 100 + w.padBottom).toBe(250_000);
  });

  it('stops at the last item, with a partial last row', () => {
    const w = gridWindow({ ...base, count: 10, scrollTop: 0 });
    expect(w.end).toBe(10);
    expect(w.padBottom).toBe(0);
    const past = gridWindow({ ...base, count: 10, scrollTop: 9999 });
    expect(past.end).toBe(10);
    expect(past.start).toBeLessThanOrEqual(past.end);
  });

  it('is empty for an empty library', () => {
    expect(gridWindow({ ...base, count: 0, scrollTop: 0 })).toMatchObject({ start: 0, end: 0, padTop: 0, padBottom: 0 });
  });

  it('fits as many columns as the width allows, at least one', () => {
    expect(gridColumns(1000, 200, 10)).toBe(4);
    expect(gridColumns(1039, 200, 10)).toBe(4);
    expect(gridColumns(1040, 200, 10)).toBe(5);
    expect(gridColumns(50, 200, 10)).toBe(1);
  });

  it('asks for more when the window reaches the last loaded rows', () => {
    expect(nearEnd(gridWindow({ ...base, count: 100, scrollTop: 0 }), 100, 4, 3)).toBe(false);
    expect(nearEnd(gridWindow({ ...base, count: 100, scrollTop: 1800 }), 100, 4, 3)).toBe(true);
  });
});
