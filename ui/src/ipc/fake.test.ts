import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClipView, ModelInfo } from './bindings.gen';
import { pngBytes, jpegBytes, webpBytes } from '../../test/images';
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
      message: 'duration: sora-2-pro@openai does not allow 10; allowed values: 4, 8, 12',
      field: 'duration',
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

describe('fake backend: image-to-video, prices, billed cost', () => {
  afterEach(() => vi.useRealTimers());

  it('imports PNG, JPEG and WebP with their size, and refuses anything else', async () => {
    const fake = createFakeBackend();
    await expect(fake.importImage('a.png', pngBytes(1280, 720))).resolves.toMatchObject({ format: 'png', width: 1280, height: 720 });
    await expect(fake.importImage('b.jpg', jpegBytes(640, 480))).resolves.toMatchObject({ format: 'jpeg', width: 640, height: 480 });
    await expect(fake.importImage('c.webp', webpBytes(1080, 1920))).resolves.toMatchObject({ format: 'webp', width: 1080, height: 1920 });
    await expect(fake.importImage('notes.txt', new TextEncoder().encode('hello'))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/not a PNG, JPEG or WebP/),
    });
  });

  it('plans image-to-video like the core: drop with a note, refuse a bad aspect, crop on request', async () => {
    const fake = createFakeBackend();
    const square = await fake.importImage('square.png', pngBytes(1000, 1000));
    const req = { params: { prompt: 'fog', start_image: square.path }, models: ['kling-3.0-pro@fal', 'sora-2@fal'], strict: false };
    const plan = await fake.planRun(req);
    expect(plan.clips[0].resolved.start_image).toBe(square.path);
    expect(plan.clips[1].resolved.start_image).toBeUndefined();
    expect(plan.clips[1].parity.map((n) => n.message)).toEqual(['start image not supported: ran text-to-video']);

    const veo = { ...req, models: ['sora-2@openai'] };
    await expect(fake.planRun(veo)).rejects.toEqual({
      code: 'image_aspect',
      message: 'start-image: sora-2@openai needs an image near one of its aspect ratios; this one is 1000x1000; pass --crop to centre-crop it to 16:9',
      field: 'start-image',
    });
    const cropped = await fake.planRun({ ...veo, crop: true });
    expect(cropped.clips[0].parity.map((n) => n.message)).toEqual(['start-image centre-cropped to 16:9']);
  });

  it('says in RouteInfo what each route takes, and plans by exactly that', async () => {
    const fake = createFakeBackend();
    const route = (models: ModelInfo[], key: string) => {
      const [id, r] = key.split('@');
      return models.find((m) => m.id === id)!.routes.find((x) => x.route === r)!;
    };
    const models = await fake.listModels();
    expect(route(models, 'kling-3.0-pro@fal')).toMatchObject({ start_image: true, end_image: true, requires_image: false, cfg_scale: [0, 1], max_shots: 6 });
    expect(route(models, 'sora-2@openai')).toMatchObject({ start_image: true, end_image: false, image_aspects: ['16:9', '9:16'], cfg_scale: null, max_shots: 0 });
    expect(route(models, 'runway-gen-4-turbo@runway')).toMatchObject({ start_image: true, requires_image: true });
    expect(route(models, 'sora-2@fal')).toMatchObject({ start_image: false, end_image: false, image_aspects: [], cfg_scale: null, max_shots: 0 });

    const start = await fake.importImage('wide.png', pngBytes(1280, 720));
    const end = await fake.importImage('end.png', pngBytes(1280, 720));
    const plan = await fake.planRun({ params: { prompt: 'fog', start_image: start.path, end_image: end.path }, models: ['runway-gen-4.5@runway', 'luma-ray-2@luma'], strict: false });
    expect(plan.clips[0].parity.map((n) => n.message)).toEqual(['end image not supported: ignored']);
    expect(plan.clips[1].resolved).toMatchObject({ start_image: start.path, end_image: end.path });
  });

  it('refuses an image-only route without a start image, like the core', async () => {
    const fake = createFakeBackend();
    const req = { params: { prompt: 'fog' }, models: ['kling-3.0-pro@fal', 'runway-gen-4-turbo@runway'], strict: false };
    await expect(fake.planRun(req)).rejects.toEqual({
      code: 'invalid_input',
      message: 'start-image: runway-gen-4-turbo@runway does not allow none; allowed values: a start image (--start-image): this model is image-to-video only',
      field: 'start-image',
    });
    const image = await fake.importImage('wide.png', pngBytes(1280, 720));
    const plan = await fake.planRun({ ...req, params: { prompt: 'fog', start_image: image.path } });
    expect(plan.clips[1]).toMatchObject({ model_name: 'Runway Gen-4 Turbo', resolved: { start_image: image.path }, parity: [] });
  });

  it('clamps or ignores cfg scale and joins shots where multi-shot is missing', async () => {
    const fake = createFakeBackend();
    const shots = [{ prompt: 'wide', duration_s: 3 }, { prompt: 'close', duration_s: 4 }];
    const plan = await fake.planRun({ params: { prompt: 'fog', cfg_scale: 1.5, shots }, models: ['kling-3.0-pro@fal', 'veo-3.1@google'], strict: false });
    const [kling, veo] = plan.clips;
    expect(kling.resolved).toMatchObject({ duration_s: 7, cfg_scale: 1, shots });
    expect(kling.parity.map((n) => n.message)).toEqual(['asked cfg 1.5 → ran 1']);
    expect(veo.resolved.prompt).toBe('fog\n[00:00-00:03] wide\n[00:03-00:07] close'); // Veo 3.1's template: timestamps
    expect(veo.parity.map((n) => n.message)).toEqual([
      'multi-shot not supported: shots written into the prompt',
      'cfg scale ignored',
      'asked 7 s → ran 8 s',
    ]);
  });

  it('applies and resets a price override in the catalog and the estimate', async () => {
    const fake = createFakeBackend();
    const req = ask(['kling-3.0-pro@fal'], { duration_s: 5 });
    expect((await fake.planRun(req)).estimated_cost_usd).toBe(0.84);
    const price = { rules: [{ usd_per_second: 0.2 }], source: 'custom', as_of: '2026-11-21' };
    const models = await fake.setPriceOverride('kling-3.0-pro', 'fal', price);
    const route = models.find((m) => m.id === 'kling-3.0-pro')!.routes.find((r) => r.route === 'fal')!;
    expect(route).toMatchObject({ price_overridden: true, usd_per_second: 0.2 });
    expect((await fake.planRun(req)).estimated_cost_usd).toBe(1);
    await expect(fake.setPriceOverride('kling-3.0-pro', 'fal', { ...price, rules: [] })).rejects.toMatchObject({ code: 'invalid_input' });
    const reset = await fake.clearPriceOverride('kling-3.0-pro', 'fal');
    expect(reset.find((m) => m.id === 'kling-3.0-pro')!.routes[0]).toMatchObject({ price_overridden: false, usd_per_second: 0.168 });
  });

  it('reports a billed cost for routes that bill in their own units', async () => {
    vi.useFakeTimers();
    const fake = createFakeBackend({ sample: true });
    const seen: ClipView[] = [];
    await fake.onClipUpdate((c) => seen.push(c));
    await fake.startRun(ask(['kling-3.0-pro@kling', 'kling-3.0-pro@fal'], { duration_s: 5 }));
    await vi.advanceTimersByTimeAsync(30_000);
    const last = (route: string) => seen.filter((c) => c.route === route).at(-1)!;
    expect(last('kling')).toMatchObject({ status: 'succeeded', cost_kind: 'billed', billed_cost_usd: 0.84, cost_usd: 0.84, estimated_cost_usd: 0.84 });
    expect(last('fal')).toMatchObject({ status: 'succeeded', cost_kind: 'estimated', billed_cost_usd: null, cost_usd: 0.84 });
  });
});

describe('fake backend: cancel and remix, like the core', () => {
  it('cancels where the route can, refuses where it cannot or when the clip is done', async () => {
    vi.useFakeTimers();
    const fake = createFakeBackend({ sample: false });
    await fake.setDemo(true);
    const run = await fake.startRun(ask(['kling-3.0-pro@fal', 'sora-2@openai']));
    const [kling, sora] = run.clips;
    // Not yet sent: canceled on the spot, free.
    await expect(fake.cancelClip(kling.id)).resolves.toMatchObject({ message: 'Canceled before it was sent: nothing was charged.', clip: { status: 'canceled' } });
    await vi.advanceTimersByTimeAsync(700);
    await expect(fake.cancelClip(sora.id)).rejects.toEqual({
      code: 'cancel_unsupported',
      message: 'OpenAI cannot cancel a job it has accepted: the Videos API has no cancel; the job runs to the end and may be charged',
      field: null,
    });
    await expect(fake.cancelClip(kling.id)).rejects.toEqual({
      code: 'invalid_input',
      message: 'clip: nothing to cancel; this clip is already canceled',
      field: 'clip',
    });
    await vi.advanceTimersByTimeAsync(20_000);
    expect((await fake.getRun(run.run_id)).clips.map((c) => c.status)).toEqual(['canceled', 'succeeded']);
  });

  it('plans a remix of a finished Sora clip at its own length and refuses other routes', async () => {
    vi.useFakeTimers();
    const fake = createFakeBackend();
    await fake.setDemo(true);
    const run = await fake.startRun(ask(['sora-2@openai', 'kling-3.0-pro@fal']));
    await expect(fake.planRemix({ clip_id: run.clips[0].id, prompt: 'x' })).rejects.toMatchObject({ message: 'clip: only a finished clip can be remixed; this one is pending' });
    await vi.advanceTimersByTimeAsync(20_000);
    const plan = await fake.planRemix({ clip_id: run.clips[0].id.slice(-4), prompt: ' at night ' });
    expect(plan.clips[0]).toMatchObject({ model: 'sora-2', remix_of: run.clips[0].id, resolved: { prompt: 'at night', duration_s: 12 } });
    expect(plan.estimated_cost_usd).toBe(run.clips[0].estimated_cost_usd);
    await expect(fake.planRemix({ clip_id: run.clips[1].id, prompt: 'x' })).rejects.toMatchObject({
      message: 'clip: kling-3.0-pro@fal clips cannot be remixed; remix works on clips from sora-2@openai, sora-2-pro@openai',
    });
    const remix = await fake.startRemix({ clip_id: run.clips[0].id, prompt: 'at night' });
    expect(remix).toMatchObject({ prompt: 'at night', clips: [{ remix_of: run.clips[0].id, status: 'pending' }] });
  });
});
