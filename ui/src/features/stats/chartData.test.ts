import { describe, expect, it } from 'vitest';
import type { StatsSeries } from '../../ipc/bindings.gen';
import { bucketSeconds, latencyChart, perSecondBars, sinceMs, spendChart, successChart } from './chartData';

const series: StatsSeries = {
  bucket: 'day',
  buckets: ['2026-11-30', '2026-12-01', '2026-12-02'],
  spend: [
    { bucket: '2026-11-30', route: 'fal', billed_usd: 0, estimated_usd: 1.5 },
    { bucket: '2026-11-30', route: 'kling', billed_usd: 0.56, estimated_usd: 0.6 },
    { bucket: '2026-12-02', route: 'fal', billed_usd: 0, estimated_usd: 2 },
  ],
  models: [
    {
      model: 'kling-3.0-pro', model_name: 'Kling 3.0 Pro', route: 'fal', clips: 5, succeeded: 4, usd_per_video_second: 0.168,
      points: [
        { bucket: '2026-11-30', clips: 4, succeeded: 3, p50_total_ms: 60_000, p95_total_ms: 90_000, usd_per_video_second: 0.168 },
        { bucket: '2026-12-02', clips: 1, succeeded: 1, p50_total_ms: 45_000, p95_total_ms: 45_000, usd_per_video_second: 0.168 },
      ],
    },
    {
      model: 'sora-2', model_name: 'Sora 2', route: 'openai', clips: 1, succeeded: 0, usd_per_video_second: null,
      points: [{ bucket: '2026-12-01', clips: 1, succeeded: 0, p50_total_ms: null, p95_total_ms: null, usd_per_video_second: null }],
    },
  ],
};

describe('chart data', () => {
  it('puts buckets at local midnight, and a range starts at local midnight including today', () => {
    expect(bucketSeconds('2026-12-01') * 1000).toBe(new Date(2026, 11, 1).getTime());
    const now = new Date(2026, 11, 7, 15, 30);
    expect(sinceMs(1, now)).toBe(new Date(2026, 11, 7).getTime());
    expect(sinceMs(30, now)).toBe(new Date(2026, 10, 8).getTime());
  });

  it('stacks spend by route and kind, top layer first, and keeps each layer own amount for hover', () => {
    const chart = spendChart(series);
    expect(chart.lines.map((l) => l.label)).toEqual(['Kling · est.', 'Kling · billed', 'fal · est.']);
    expect(chart.estimated).toEqual([true, false, true]);
    const day = 0;
    const own = chart.own.map((o) => o[day]!);
    expect(own).toEqual([0.6, 0.56, 1.5]);
    // Each bar reaches the sum of itself and every layer below it.
    expect(chart.lines.map((l) => l.values[day])).toEqual([0.6 + 0.56 + 1.5, 0.56 + 1.5, 1.5].map((v) => Math.round(v * 1000) / 1000));
    expect(chart.lines.map((l) => l.values[1])).toEqual([0, 0, 0]);
  });

  it('aligns each model to the shared buckets, with gaps where it had no clips', () => {
    const latency = latencyChart(series);
    expect(latency.lines.map((l) => [l.label, l.dashed ?? false])).toEqual([
      ['Kling 3.0 Pro · fal p50', false],
      ['Kling 3.0 Pro · fal p95', true],
      ['Sora 2 · OpenAI p50', false],
      ['Sora 2 · OpenAI p95', true],
    ]);
    expect(latency.lines[0].values).toEqual([60, null, 45]);
    expect(latency.lines[2].values).toEqual([null, null, null]);
    const success = successChart(series);
    expect(success.lines[0].values).toEqual([75, null, 100]);
    expect(success.lines[1].values).toEqual([null, 0, null]);
  });

  it('ranks price per second cheapest first, leaving out models with no delivered cost', () => {
    expect(perSecondBars(series)).toEqual({ labels: ['Kling 3.0 Pro · fal'], colors: [expect.any(String)], values: [0.168] });
  });
});
