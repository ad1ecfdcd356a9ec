import { describe, expect, it } from 'vitest';
import { markIn, markOut, NO_LOOP_POINTS, playRange, rangeMarks } from './loopRange';

describe('loop range', () => {
  it('covers the whole clip without points, and the points clamped to the clip with them', () => {
    expect(playRange(NO_LOOP_POINTS, 5)).toEqual({ start: 0, end: 5 });
    expect(playRange({ in: 1, out: 3 }, 5)).toEqual({ start: 1, end: 3 });
    expect(playRange({ in: 2, out: null }, 5)).toEqual({ start: 2, end: 5 });
    expect(playRange({ in: -1, out: 9 }, 5)).toEqual({ start: 0, end: 5 });
    expect(playRange({ in: 3, out: 3 }, 5)).toEqual({ start: 0, end: 5 }); // empty: the whole clip
  });

  it('drops the other point when a new one would cross it', () => {
    const both = markOut(markIn(NO_LOOP_POINTS, 1), 3);
    expect(both).toMatchObject({ in: 1, out: 3 });
    expect(markIn(both, 4)).toMatchObject({ in: 4, out: null });
    expect(markOut(both, 0.5)).toMatchObject({ in: null, out: 0.5 });
    expect(markIn(both, 2)).toMatchObject({ in: 2, out: 3, on: true });
  });

  it('gives the scrubber the range as fractions, nothing when unset', () => {
    expect(rangeMarks(NO_LOOP_POINTS, 5)).toBeNull();
    expect(rangeMarks({ in: 1, out: null, on: true }, 4)).toEqual({ from: 0.25, to: 1 });
    expect(rangeMarks({ in: 1, out: 2, on: false }, 0)).toBeNull();
  });
});
