// The fake backend's ETAs, following dailies-core's `engine/eta.rs`: p50/p90 (nearest
// rank) of queue, generation and submit → done over the latest 50 delivered, untrashed
// clips of the same model@route (demo clips predict demo clips only), else the catalog's
// usual time for the route (`[[typical]]` in `crates/dailies-core/catalog/routes/*.toml`,
// mirrored below: the catalog fixture does not carry it).
import type { ClipView, Eta, RunView } from './bindings.gen';

/** queue_s, generate_s (p50) and slow_s (p90 of the total), as the route files say. */
const TYPICAL: Record<string, [number, number, number]> = {
  fal: [10, 60, 180], openai: [10, 90, 240], replicate: [10, 90, 240], kling: [20, 100, 300], google: [5, 55, 360],
  runway: [5, 60, 180], luma: [5, 60, 180], minimax: [10, 140, 240], seedance: [10, 60, 180],
};
const WINDOW = 50;
const WAITING = new Set<ClipView['status']>(['pending', 'submitting', 'queued', 'generating']);

function nearestRank(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p * sorted.length) / 100)) - 1] ?? 0;
}

type Stats = Omit<Eta, 'end_p50_ms' | 'end_p90_ms'>;

function fromHistory(done: ClipView[]): Stats | null {
  if (done.length === 0) return null;
  const queue = done.map((c) => c.latency_ms.queued ?? 0);
  const generate = done.map((c) => c.latency_ms.generating ?? 0);
  const total = done.map((_, i) => queue[i] + generate[i]);
  return {
    source: 'history', samples: done.length,
    queue_p50_ms: nearestRank(queue, 50), queue_p90_ms: nearestRank(queue, 90),
    generate_p50_ms: nearestRank(generate, 50), generate_p90_ms: nearestRank(generate, 90),
    total_p50_ms: nearestRank(total, 50), total_p90_ms: nearestRank(total, 90),
  };
}

function fromCatalog(route: string): Stats | null {
  const typical = TYPICAL[route];
  if (!typical) return null;
  const [queue, generate, slow] = typical;
  const scale = (s: number) => Math.floor((s * slow * 1000) / Math.max(1, queue + generate));
  return {
    source: 'catalog', samples: 0,
    queue_p50_ms: queue * 1000, queue_p90_ms: scale(queue), generate_p50_ms: generate * 1000, generate_p90_ms: scale(generate),
    total_p50_ms: (queue + generate) * 1000, total_p90_ms: slow * 1000,
  };
}

/** The clip's ETA while it waits, queues or generates; `null` otherwise. */
export function fakeEta(clip: ClipView, runs: RunView[]): Eta | null {
  if (!WAITING.has(clip.status)) return null;
  // Trashed runs and clips are out of `runs` in the fake (fakeCurate.ts), so all here count.
  const done = runs
    .flatMap((r) => r.clips)
    .filter((c) => c.status === 'succeeded' && c.model === clip.model && c.route === clip.route && c.demo === clip.demo && c.latency_ms.generating != null)
    .slice(-WINDOW);
  const stats = fromHistory(done) ?? fromCatalog(clip.route);
  if (!stats) return null;
  const sent = clip.submitted_at_ms;
  return { ...stats, end_p50_ms: sent == null ? null : sent + stats.total_p50_ms, end_p90_ms: sent == null ? null : sent + stats.total_p90_ms };
}
