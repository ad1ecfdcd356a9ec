import { describe, expect, it } from 'vitest';
import { activeFilterCount, isFiltering, NO_FILTERS, toQuery } from './filters';

describe('library filters', () => {
  it('sends only the filters that are set, typed as the core wants them', () => {
    const q = toQuery({ ...NO_FILTERS, text: ' fog ', minRating: '4', maxCost: '1.5', since: '2026-12-01', route: 'fal' }, 60, '12:run_a');
    expect(q).toEqual({
      text: 'fog', model: undefined, route: 'fal', status: undefined, min_rating: 4, tag: undefined, board: undefined,
      since: '2026-12-01', until: undefined, max_cost_usd: 1.5, limit: 60, cursor: '12:run_a',
    });
  });

  it('leaves out a cost that is not a number yet', () => {
    expect(toQuery({ ...NO_FILTERS, maxCost: '1.' }, 10).max_cost_usd).toBe(1);
    expect(toQuery({ ...NO_FILTERS, maxCost: 'abc' }, 10).max_cost_usd).toBeUndefined();
    expect(toQuery({ ...NO_FILTERS, maxCost: '' }, 10).max_cost_usd).toBeUndefined();
    expect(toQuery({ ...NO_FILTERS, maxCost: '0' }, 10).max_cost_usd).toBe(0);
  });

  it('counts filters beyond the words', () => {
    expect(activeFilterCount(NO_FILTERS)).toBe(0);
    expect(isFiltering(NO_FILTERS)).toBe(false);
    expect(activeFilterCount({ ...NO_FILTERS, text: 'fog', tag: 'keeper', status: 'failed' })).toBe(2);
    expect(isFiltering({ ...NO_FILTERS, text: 'fog' })).toBe(true);
  });
});
