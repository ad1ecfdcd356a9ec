import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../ipc/bindings.gen';
import { withFreshRuns } from './runsView';

const run = (id: string, at: string, succeeded = 0) => ({ run_id: id, created_at: at, succeeded }) as RunSummary;

describe('withFreshRuns', () => {
  const page = [run('b', '2026-12-07T10:00:00Z'), run('a', '2026-12-06T10:00:00Z')];

  it('prefers the live summary of a listed run', () => {
    const out = withFreshRuns(page, [run('a', '2026-12-06T10:00:00Z', 3)], false);
    expect(out.map((r) => [r.run_id, r.succeeded])).toEqual([['b', 0], ['a', 3]]);
  });

  it('puts a run started since the page on top, but only without a filter', () => {
    const started = run('c', '2026-12-07T11:00:00Z');
    expect(withFreshRuns(page, [started], false).map((r) => r.run_id)).toEqual(['c', 'b', 'a']);
    expect(withFreshRuns(page, [started], true).map((r) => r.run_id)).toEqual(['b', 'a']);
  });

  it('does not pull older runs past the loaded page into it', () => {
    expect(withFreshRuns(page, [run('old', '2026-11-01T00:00:00Z')], false).map((r) => r.run_id)).toEqual(['b', 'a']);
  });
});
