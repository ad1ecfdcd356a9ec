import type uPlot from 'uplot';
import { describe, expect, it } from 'vitest';
import { xSpan } from './chartOptions';

describe('chart x scale', () => {
  it('gives one week of clips a week-wide axis, not the years uPlot would', () => {
    const week = 1_796_000_000;
    const chart = { data: [[week], [2.84]] } as unknown as uPlot;
    // What uPlot hands the range function for a single point on a seconds time axis.
    expect(xSpan('week')(chart, week, week + 86_400_000)).toEqual([week - 3.5 * 86_400, week + 3.5 * 86_400]);
  });
  it('pads several days by half a day so the edge bars are whole', () => {
    const chart = { data: [[0, 86_400 * 3], [1, 2]] } as unknown as uPlot;
    expect(xSpan('day')(chart, 0, 86_400 * 3)).toEqual([-43_200, 86_400 * 3 + 43_200]);
  });
});
