// The Stats view's charts as uPlot wants them: one x array (bucket start, Unix seconds) and
// one y array per series, `null` where a model has no point. Pure, so it is tested without
// a canvas.
import type { ModelSeries, StatsSeries } from '../../ipc/bindings.gen';
import { routeName } from '../../lib/models';

/** A categorical palette readable on both themes (mid lightness, distinct hues). */
export const PALETTE = ['#5b8ff9', '#e8684a', '#5ad8a6', '#f6bd16', '#9270ca', '#ff9d4d', '#269a99', '#e86fa8', '#6dc8ec', '#8c9bb0'];
export const colorAt = (i: number) => PALETTE[i % PALETTE.length];

export interface Line {
  label: string;
  color: string;
  values: (number | null)[];
  /** A second line of the same model (p95 beside p50). */
  dashed?: boolean;
}

export interface Chart {
  /** Bucket starts in Unix seconds (local midnight). */
  x: number[];
  lines: Line[];
}

/** Local midnight `days - 1` days before `now`: a range of `days` days including today. */
export function sinceMs(days: number, now = new Date()): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() - (days - 1));
  return d.getTime();
}

/** Local midnight of a `YYYY-MM-DD` bucket, in Unix seconds. */
export function bucketSeconds(bucket: string): number {
  const [y, m, d] = bucket.split('-').map(Number);
  return new Date(y, m - 1, d).getTime() / 1000;
}

export const modelLabel = (m: Pick<ModelSeries, 'model_name' | 'route'>) => `${m.model_name} · ${routeName(m.route)}`;

function perBucket(s: StatsSeries, m: ModelSeries, pick: (p: ModelSeries['points'][number]) => number | null) {
  const at = new Map(m.points.map((p) => [p.bucket, pick(p)]));
  return s.buckets.map((b) => at.get(b) ?? null);
}

/** Which routes spent anything, with their billed and estimated totals over the range. */
function spendRoutes(s: StatsSeries) {
  const routes = new Map<string, { billed: number; estimated: number }>();
  for (const p of s.spend) {
    const r = routes.get(p.route) ?? { billed: 0, estimated: 0 };
    r.billed += p.billed_usd;
    r.estimated += p.estimated_usd;
    routes.set(p.route, r);
  }
  return [...routes.entries()].sort(([a], [b]) => a.localeCompare(b));
}

export interface StackedChart extends Chart {
  /** What each layer adds (the legend and hover show these); `lines` hold running totals. */
  own: (number | null)[][];
  /** A layer whose figure is an estimate is drawn paler. */
  estimated: boolean[];
}

/**
 * Spend per bucket, one layer per route and kind (billed, estimated), stacked. Layers are
 * listed top of the stack first, so each is drawn over the taller one before it.
 */
export function spendChart(s: StatsSeries): StackedChart {
  const layers: { label: string; color: string; estimated: boolean; values: number[] }[] = [];
  spendRoutes(s).forEach(([route, totals], i) => {
    for (const kind of ['billed', 'estimated'] as const) {
      if (totals[kind] <= 0) continue;
      const values = s.buckets.map((b) => {
        const p = s.spend.find((q) => q.bucket === b && q.route === route);
        return p ? (kind === 'billed' ? p.billed_usd : p.estimated_usd) : 0;
      });
      layers.push({ label: `${routeName(route)} · ${kind === 'billed' ? 'billed' : 'est.'}`, color: colorAt(i), estimated: kind === 'estimated', values });
    }
  });
  const running = s.buckets.map(() => 0);
  const stacked = layers.map((l) => l.values.map((v, i) => (running[i] += v)));
  const order = layers.map((_, i) => i).reverse();
  return {
    x: s.buckets.map(bucketSeconds),
    lines: order.map((i) => ({ label: layers[i].label, color: layers[i].color, values: stacked[i].map((v) => Math.round(v * 1000) / 1000) })),
    own: order.map((i) => layers[i].values),
    estimated: order.map((i) => layers[i].estimated),
  };
}

/** p50 (solid) and p95 (dashed) of submit → file per model+route, in seconds. */
export function latencyChart(s: StatsSeries): Chart {
  const secs = (ms: number | null) => (ms == null ? null : ms / 1000);
  return {
    x: s.buckets.map(bucketSeconds),
    lines: s.models.flatMap((m, i) => [
      { label: `${modelLabel(m)} p50`, color: colorAt(i), values: perBucket(s, m, (p) => secs(p.p50_total_ms)) },
      { label: `${modelLabel(m)} p95`, color: colorAt(i), dashed: true, values: perBucket(s, m, (p) => secs(p.p95_total_ms)) },
    ]),
  };
}

/** Delivered / ended per bucket, in percent. */
export function successChart(s: StatsSeries): Chart {
  return {
    x: s.buckets.map(bucketSeconds),
    lines: s.models.map((m, i) => ({
      label: modelLabel(m),
      color: colorAt(i),
      values: perBucket(s, m, (p) => (p.clips > 0 ? Math.round((1000 * p.succeeded) / p.clips) / 10 : null)),
    })),
  };
}

export interface Bars {
  labels: string[];
  colors: string[];
  values: number[];
}

/** Each model+route's price per second of delivered video over the range, cheapest first. */
export function perSecondBars(s: StatsSeries): Bars {
  const rows = s.models
    .map((m, i) => ({ label: modelLabel(m), color: colorAt(i), value: m.usd_per_video_second }))
    .filter((r): r is { label: string; color: string; value: number } => r.value != null)
    .sort((a, b) => a.value - b.value || a.label.localeCompare(b.label));
  return { labels: rows.map((r) => r.label), colors: rows.map((r) => r.color), values: rows.map((r) => r.value) };
}
