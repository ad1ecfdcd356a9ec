// The run list shows the library's pages, kept current by what the app already knows: the
// run store's summaries are updated by every clip event, so they win over a page fetched
// earlier, and a run started since the page was read is put on top (unless a filter is on:
// whether it matches is the core's call, made at the next refresh).
import type { RunSummary } from '../../ipc/bindings.gen';

export function withFreshRuns(listed: RunSummary[], fresh: RunSummary[], filtering: boolean): RunSummary[] {
  const byId = new Map(fresh.map((s) => [s.run_id, s]));
  const merged = listed.map((s) => byId.get(s.run_id) ?? s);
  if (filtering) return merged;
  const shown = new Set(listed.map((s) => s.run_id));
  const newest = listed.length ? Date.parse(listed[0].created_at) : -Infinity;
  const started = fresh.filter((s) => !shown.has(s.run_id) && Date.parse(s.created_at) >= newest);
  return [...started, ...merged];
}
