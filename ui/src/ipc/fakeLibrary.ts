// The fake backend's library queries, following dailies-core's `search_runs` and
// `model_stats`: every word in the prompt, a model by `id` or `id@route`, a star floor;
// nearest-rank p50/p95 over delivered clips.
import type { ClipView, LibraryQuery, ModelStats, RouteId, RunSummary, RunView } from './bindings.gen';
import { summarizeRun } from '../lib/runs';

export function searchRuns(runs: RunView[], q: LibraryQuery): RunSummary[] {
  const words = (q.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const [id, route] = (q.model ?? '').trim().split('@');
  return runs
    .filter((r) => words.every((w) => r.prompt.toLowerCase().includes(w)))
    .filter((r) => !id || r.clips.some((c) => c.model === id && (!route || c.route === route)))
    .filter((r) => q.min_rating == null || r.clips.some((c) => (c.rating ?? 0) >= q.min_rating!))
    .slice(0, q.limit ?? 200)
    .map(summarizeRun);
}

/** Nearest rank: the smallest value with at least p% of the values at or below it. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p * sorted.length) / 100)) - 1];
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const cents = (usd: number) => Math.round(usd * 1000) / 1000;
const ENDED = new Set(['succeeded', 'failed', 'canceled', 'unknown']);

export function modelStats(runs: RunView[], includeDemo: boolean): ModelStats[] {
  const groups = new Map<string, ClipView[]>();
  for (const clip of runs.flatMap((r) => r.clips)) {
    if (!ENDED.has(clip.status) || (clip.demo && !includeDemo)) continue;
    const key = `${clip.model}@${clip.route}`;
    groups.set(key, [...(groups.get(key) ?? []), clip]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, clips]) => {
      const ok = clips.filter((c) => c.status === 'succeeded');
      const totals = ok.flatMap((c) => (c.latency_ms.total != null ? [c.latency_ms.total] : []));
      const queued = ok.flatMap((c) => (c.latency_ms.queued != null ? [c.latency_ms.queued] : []));
      const costs = ok.flatMap((c) => (c.cost_usd != null ? [c.cost_usd] : []));
      const billed = ok.reduce((s, c) => s + (c.cost_kind === 'billed' ? (c.cost_usd ?? 0) : 0), 0);
      const total = costs.reduce((a, b) => a + b, 0);
      const seconds = ok.filter((c) => c.cost_usd != null).reduce((s, c) => s + (c.duration_s ?? 0), 0);
      const ratings = clips.flatMap((c) => (c.rating != null ? [c.rating] : []));
      const rating = mean(ratings);
      const cost = mean(costs);
      return {
        model: clips[0].model, model_name: clips[0].model_name, route: clips[0].route as RouteId, clips: clips.length, succeeded: ok.length,
        p50_total_ms: percentile(totals, 50), p95_total_ms: percentile(totals, 95), p50_queued_ms: percentile(queued, 50),
        mean_cost_usd: cost == null ? null : cents(cost),
        usd_per_video_second: seconds > 0 ? cents(total / seconds) : null,
        billed_share: total > 0 ? Math.round(Math.min(1, billed / total) * 100) / 100 : null,
        mean_rating: rating == null ? null : Math.round(rating * 10) / 10, rated: ratings.length,
      };
    });
}
