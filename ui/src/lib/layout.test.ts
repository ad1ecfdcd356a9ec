import { describe, expect, it } from 'vitest';
import { fitGrid } from './layout';

const stage = { width: 1000, height: 700, aspect: 16 / 9, footer: 86, gap: 10, minTile: 240, maxColumns: 4 };

describe('fitGrid', () => {
  it('gives few clips big tiles, limited by the stage height', () => {
    expect(fitGrid({ ...stage, count: 1 })).toEqual({ columns: 1, tileWidth: 1000 });
    expect(fitGrid({ ...stage, count: 2 })).toEqual({ columns: 2, tileWidth: 495 });
    // A short stage: the frame gets what the footer leaves (314 px tall → 558 px wide).
    expect(fitGrid({ ...stage, count: 1, height: 400 })).toEqual({ columns: 1, tileWidth: 558 });
  });

  it('adds columns as clips are added so every row stays on screen', () => {
    expect(fitGrid({ ...stage, count: 4 })?.columns).toBe(2);
    expect(fitGrid({ ...stage, count: 6 })?.columns).toBe(3);
    // Eight: 3×3 at 250 px beats 4×2 at 242 px.
    expect(fitGrid({ ...stage, count: 8 })).toEqual({ columns: 3, tileWidth: 250 });
  });

  it('stops shrinking at the minimum width and lets the stage scroll', () => {
    expect(fitGrid({ ...stage, count: 20 })).toEqual({ columns: 4, tileWidth: 242 });
    expect(fitGrid({ ...stage, count: 20, width: 500 })).toEqual({ columns: 2, tileWidth: 245 });
  });

  it('waits for a measurement', () => {
    expect(fitGrid({ ...stage, count: 3, width: 0 })).toBeNull();
    expect(fitGrid({ ...stage, count: 0 })).toBeNull();
  });
});
