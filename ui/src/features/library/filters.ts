// The library's filter row as form values (strings, empty = any) and the query they make.
import type { LibraryQuery } from '../../ipc/bindings.gen';

export interface LibraryFilters {
  text: string;
  /** `id` or `id@route`. */
  model: string;
  route: string;
  status: string;
  /** "", "1".."5": at least this many stars. */
  minRating: string;
  tag: string;
  board: string;
  /** `YYYY-MM-DD` (the date inputs' format), inclusive. */
  since: string;
  until: string;
  /** US dollars. */
  maxCost: string;
}

export const NO_FILTERS: LibraryFilters = {
  text: '', model: '', route: '', status: '', minRating: '', tag: '', board: '', since: '', until: '', maxCost: '',
};

const orUndefined = (value: string) => value.trim() || undefined;

/** The query for these filters; the cost is left out while it is not a number yet. */
export function toQuery(f: LibraryFilters, limit: number, cursor?: string | null): LibraryQuery {
  const cost = f.maxCost.trim() === '' ? NaN : Number(f.maxCost);
  return {
    text: orUndefined(f.text),
    model: orUndefined(f.model),
    route: orUndefined(f.route),
    status: orUndefined(f.status),
    min_rating: f.minRating ? Number(f.minRating) : undefined,
    tag: orUndefined(f.tag),
    board: orUndefined(f.board),
    since: orUndefined(f.since),
    until: orUndefined(f.until),
    max_cost_usd: Number.isFinite(cost) ? cost : undefined,
    limit,
    cursor: cursor ?? undefined,
  };
}

/** How many filters beyond the words narrow the library (for the "Filters" button). */
export function activeFilterCount(f: LibraryFilters): number {
  return (Object.keys(f) as (keyof LibraryFilters)[]).filter((k) => k !== 'text' && f[k].trim() !== '').length;
}

export function isFiltering(f: LibraryFilters): boolean {
  return f.text.trim() !== '' || activeFilterCount(f) > 0;
}
