import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClipView } from './bindings.gen';
import { createFakeBackend } from './fake';

const ask = (models: string[], extra: object = {}) => ({
  params: { prompt: 'a lighthouse', duration_s: 10, ...extra },
  models,
  strict: false,
});

describe('fake backend', () => {
  afterEach(() => vi.useRealTimers());

  it('plans like the core: nearest allowed value, ties up, with notes', async () => {
    const fake = createFakeBackend();
    const plan = await fake.planRun(ask(['sora-2-pro@openai'], { resolution: '1080p', aspect: '21:9' }));
    const clip = plan.clips[0];
    expect(clip.resolved).toMatchObject({ duration_s: 12, resolution: '1024p', aspect: '16:9', audio: true });
    expect(clip.parity.map((n) => n.message)).toEqual(['asked 10 s → ran 12 s', 'asked 21:9 → ran 16:9', 'asked 1080p → ran 1024p']);
    expect(plan.estimated_cost_usd).toBe(6);
  });

  it('refuses under strict parity with the allowed values', async () => {
    const fake = createFakeBackend();
    await expect(fake.planRun({ ...ask(['sora-2-pro@openai']), strict: true })).rejects.toEqual({
      code: 'invalid_input',
      message: 'duration: Sora 2 Pro does not allow 10; allowed values: 4, 8, 12',
    });
  });

  it('needs a key or demo mode to start', async () => {
    const fake = createFakeBackend();
    await expect(fake.startRun(ask(['kling-3.0-pro@fal']))).rejects.toMatchObject({ code: 'invalid_input' });
    await fake.setKey('fal', 'fal-secret');
    expect((await fake.keyStatus()).find((k) => k.route === 'fal')?.source).toBe('keychain');
    expect((await fake.listModels()).find((m) => m.id === 'kling-3.0-pro')?.routes[0].key_available).toBe(true);
    await expect(fake.startRun(ask(['kling-3.0-pro@fal']))).resolves.toMatchObject({ prompt: 'a lighthouse' });
  });

  it('simulates a run through every stage to a priced, timed clip', async () => {
    vi.useFakeTimers();
    const fake = createFakeBackend({ sample: false, videoUrl: 'http://127.0.0.1:8765/clip.webm' });
    await fake.setDemo(true);
    const seen: ClipView[] = [];
    await fake.onClipUpdate((c) => seen.push(c));
    const run = await fake.startRun(ask(['kling-3.0-pro@fal', 'sora-2@fal']));
    expect(run.clips.map((c) => c.status)).toEqual(['pending', 'pending']);
    await vi.advanceTimersByTimeAsync(30_000);
    const kling = seen.filter((c) => c.model === 'kling-3.0-pro');
    expect([...new Set(kling.map((c) => c.status))]).toEqual(['submitting', 'queued', 'generating', 'downloading', 'succeeded']);
    const done = kling.at(-1)!;
    expect(done).toMatchObject({ cost_usd: 1.68, width: 1920, height: 1080, duration_s: 10, has_audio: true, media_path: 'clip.webm' });
    expect(done.latency_ms.total).toBeGreaterThan(0);
    // The retired fal Sora route fails in plain words.
    const sora = seen.filter((c) => c.model === 'sora-2').at(-1)!;
    expect(sora.status).toBe('failed');
    expect(sora.error?.message).toMatch(/no longer offers Sora 2/);
    expect((await fake.listRuns())[0]).toMatchObject({ succeeded: 1, failed: 1, running: 0 });
    expect((await fake.mediaInfo()).base_url).toBe('http://127.0.0.1:8765');
  });
});
