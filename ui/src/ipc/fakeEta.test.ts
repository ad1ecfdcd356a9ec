import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClipView } from './bindings.gen';
import { createFakeBackend } from './fake';

const ask = { params: { prompt: 'a lighthouse', duration_s: 5 }, models: ['kling-3.0-pro@fal'], strict: false };

describe('fake backend ETAs', () => {
  afterEach(() => vi.useRealTimers());

  it('gives the catalog prior on a first run and this library history on the next, only while waiting', async () => {
    vi.useFakeTimers();
    const fake = createFakeBackend({ sample: false });
    await fake.setDemo(true);
    const seen: ClipView[] = [];
    await fake.onClipUpdate((c) => seen.push(c));
    const first = await fake.startRun(ask);
    expect(first.clips[0].eta).toMatchObject({ source: 'catalog', total_p50_ms: 70_000, total_p90_ms: 180_000, end_p50_ms: null });
    await vi.advanceTimersByTimeAsync(30_000);
    const queued = seen.find((c) => c.status === 'queued')!;
    expect(queued.eta?.end_p50_ms).toBe(queued.submitted_at_ms! + 70_000);
    const done = seen.at(-1)!;
    expect(done.status).toBe('succeeded');
    expect(done.eta).toBeNull();

    seen.length = 0;
    await fake.startRun(ask);
    await vi.advanceTimersByTimeAsync(500);
    const next = seen.find((c) => c.status === 'submitting')!;
    const took = done.latency_ms.queued! + done.latency_ms.generating!;
    expect(next.eta).toMatchObject({ source: 'history', samples: 1, total_p50_ms: took, total_p90_ms: took });
  });
});
