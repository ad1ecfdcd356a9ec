// The fake backend's chart series, following dailies-core's `stats_series`: clips that were
// sent (sample clips keep no submit time: their run's creation stands in), not trashed, demo
// only when asked; buckets are local days or Monday-started weeks.
import type { ClipView, ModelPoint, ModelSeries, RunView, SpendPoint, StatsBucket, StatsSeries, StatsSeriesQuery } from './bindings.gen';
import { percentile } from './fakeLibrary';

const ENDED = new Set(['succeeded', 'failed', 'canceled', 'unknown']);
const mills = (usd: number) => Math.round(usd * 1000) / 1000;
const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar day of `ms`, or the Monday starting its week, as `YYYY-MM-DD`. */
export function bucketOf(ms: number, bucket: StatsBucket): string {
  const d = new Date(ms);
  if (bucket === 'week') d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const sentAt = (clip: ClipView, run: RunView) =>
  clip.submitted_at_ms ?? (clip.provider_job_id != null || clip.status === 'succeeded' ? Date.parse(run.created_at) : null);

export function statsSeries(runs: RunView[], q: StatsSeriesQuery): StatsSeries {
  const sent = runs.flatMap((run) =>
    run.clips.flatMap((clip) => {
      const at = sentAt(clip, run);
      return at != null && at >= (q.since_ms ?? -Infinity) && (q.include_demo || !clip.demo) ? [{ clip, bucket: bucketOf(at, q.bucket ?? 'day') }] : [];
    }),
  );
  const spend = new Map<string, SpendPoint>();
  for (const { clip, bucket } of sent) {
    const key = `${bucket}|${clip.route}`;
    const point = spend.get(key) ?? { bucket, route: clip.route, billed_usd: 0, estimated_usd: 0 };
    if (clip.billed_cost_usd != null) point.billed_usd += clip.cost_usd ?? clip.billed_cost_usd;
    else point.estimated_usd += clip.cost_usd ?? clip.estimated_cost_usd;
    spend.set(key, point);
  }
  const groups = new Map<string, { clip: ClipView; bucket: string }[]>();
  for (const s of sent.filter((s) => ENDED.has(s.clip.status))) {
    const key = `${s.clip.model}|${s.clip.route}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const models = [...groups.keys()].sort().map((key): ModelSeries => {
    const rows = groups.get(key)!;
    const byBucket = new Map<string, ClipView[]>();
    for (const { clip, bucket } of rows) byBucket.set(bucket, [...(byBucket.get(bucket) ?? []), clip]);
    const points = [...byBucket.keys()].sort().map((bucket) => point(bucket, byBucket.get(bucket)!));
    const all = rows.map((r) => r.clip);
    const { cost, seconds } = delivered(all);
    return {
      model: all[0].model, model_name: all[0].model_name, route: all[0].route, points,
      clips: all.length, succeeded: all.filter((c) => c.status === 'succeeded').length,
      usd_per_video_second: seconds > 0 ? mills(cost / seconds) : null,
    };
  });
  const spendPoints = [...spend.values()]
    .sort((a, b) => a.bucket.localeCompare(b.bucket) || a.route.localeCompare(b.route))
    .map((p) => ({ ...p, billed_usd: mills(p.billed_usd), estimated_usd: mills(p.estimated_usd) }));
  const buckets = new Set([...spendPoints.map((p) => p.bucket), ...models.flatMap((m) => m.points.map((p) => p.bucket))]);
  return { bucket: q.bucket ?? 'day', buckets: [...buckets].sort(), spend: spendPoints, models };
}

function delivered(clips: ClipView[]) {
  const costed = clips.filter((c) => c.status === 'succeeded' && c.cost_usd != null);
  return { cost: costed.reduce((s, c) => s + c.cost_usd!, 0), seconds: costed.reduce((s, c) => s + (c.duration_s ?? 0), 0) };
}

function point(bucket: string, clips: ClipView[]): ModelPoint {
  const ok = clips.filter((c) => c.status === 'succeeded');
  const totals = ok.flatMap((c) => (c.latency_ms.total != null ? [c.latency_ms.total] : []));
  const { cost, seconds } = delivered(clips);
  return {
    bucket, clips: clips.length, succeeded: ok.length,
    p50_total_ms: percentile(totals, 50), p95_total_ms: percentile(totals, 95),
    usd_per_video_second: seconds > 0 ? mills(cost / seconds) : null,
  };
}
