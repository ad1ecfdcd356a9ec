import { describe, expect, it } from 'vitest';
import { createFakeBackend } from './fake';
import { historyRuns } from './fakeHistory';
import { percentile } from './fakeLibrary';
import { sampleRuns } from './fakeSamples';
import { fakeCatalog } from './fakeCatalog';
import { bucketOf, statsSeries } from './fakeStats';

// The fake's chart series follow dailies-core's `stats_series`; every expectation here is
// recomputed from the clips themselves.
const runs = () => {
  const samples = sampleRuns(fakeCatalog());
  return [...samples, ...historyRuns(samples, 21, Date.UTC(2026, 11, 7, 12))];
};
const sentAt = (runId: string, clip: { submitted_at_ms: number | null }, all = runs()) =>
  clip.submitted_at_ms ?? Date.parse(all.find((r) => r.run_id === runId)!.created_at);

describe('fake stats series', () => {
  it('buckets by local day, or by the Monday that starts the week', () => {
    const sunday = new Date(2026, 10, 29, 23, 30).getTime();
    const monday = new Date(2026, 10, 30, 0, 30).getTime();
    expect([bucketOf(sunday, 'day'), bucketOf(monday, 'day')]).toEqual(['2026-11-29', '2026-11-30']);
    expect([bucketOf(sunday, 'week'), bucketOf(monday, 'week')]).toEqual(['2026-11-23', '2026-11-30']);
  });

  it('keeps billed apart from estimated and sums each route per bucket', () => {
    const all = runs();
    const series = statsSeries(all, { include_demo: true, bucket: 'week' });
    const clips = all.flatMap((r) => r.clips.filter((c) => c.provider_job_id != null || c.status === 'succeeded').map((c) => ({ c, at: sentAt(r.run_id, c, all) })));
    for (const p of series.spend) {
      const mine = clips.filter(({ c, at }) => c.route === p.route && bucketOf(at, 'week') === p.bucket).map(({ c }) => c);
      const billed = mine.filter((c) => c.billed_cost_usd != null).reduce((s, c) => s + (c.cost_usd ?? 0), 0);
      const estimated = mine.filter((c) => c.billed_cost_usd == null).reduce((s, c) => s + (c.cost_usd ?? c.estimated_cost_usd), 0);
      expect([p.billed_usd, p.estimated_usd]).toEqual([Math.round(billed * 1000) / 1000, Math.round(estimated * 1000) / 1000]);
    }
    expect(series.spend.some((p) => p.route === 'kling' && p.billed_usd > 0)).toBe(true);
    expect(series.buckets).toEqual([...series.buckets].sort());
    expect(statsSeries(all, { include_demo: false, bucket: 'day' }).buckets, 'every sample clip is a demo clip').toEqual([]);
  });

  it('gives each model+route its delivered share, nearest-rank latency and $/s per bucket', () => {
    const all = runs();
    const series = statsSeries(all, { include_demo: true, bucket: 'day' });
    const fal = series.models.find((m) => m.model === 'kling-3.0-pro' && m.route === 'fal')!;
    for (const point of fal.points) {
      const mine = all.flatMap((r) =>
        r.clips.filter((c) => c.model === 'kling-3.0-pro' && c.route === 'fal' && bucketOf(sentAt(r.run_id, c, all), 'day') === point.bucket),
      );
      const ok = mine.filter((c) => c.status === 'succeeded');
      expect([point.clips, point.succeeded]).toEqual([mine.length, ok.length]);
      expect(point.p95_total_ms).toBe(percentile(ok.map((c) => c.latency_ms.total!), 95));
      const seconds = ok.reduce((s, c) => s + c.duration_s!, 0);
      expect(point.usd_per_video_second).toBe(seconds > 0 ? Math.round((ok.reduce((s, c) => s + c.cost_usd!, 0) / seconds) * 1000) / 1000 : null);
    }
    expect(fal.clips).toBe(fal.points.reduce((s, p) => s + p.clips, 0));
  });

  it('leaves out what was sent before the range and what is in the trash', async () => {
    const fake = createFakeBackend({ sample: true });
    const everything = await fake.statsSeries({ include_demo: true, bucket: 'day' });
    const older = Date.parse((await fake.getRun('run_sample_1')).created_at);
    const recent = await fake.statsSeries({ include_demo: true, bucket: 'day', since_ms: older + 1 });
    const sentAndEnded = async (runId: string) =>
      (await fake.getRun(runId)).clips.filter((c) => c.provider_job_id != null && ['succeeded', 'failed', 'canceled', 'unknown'].includes(c.status)).length;
    const count = (s: typeof everything) => s.models.flatMap((m) => m.points).reduce((n, p) => n + p.clips, 0);
    expect(count(recent)).toBe(await sentAndEnded('run_sample_2'));
    expect(count(everything)).toBe((await sentAndEnded('run_sample_2')) + (await sentAndEnded('run_sample_1')));
    expect(count(recent)).toBeLessThan(count(everything));
    await fake.trashItems(['run_sample_2']);
    const after = await fake.statsSeries({ include_demo: true, bucket: 'day', since_ms: older + 1 });
    expect(after.buckets).toEqual([]);
  });
});
