import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClipView } from './bindings.gen';
import { createFakeBackend } from './fake';
import { wordDiff } from './fakeIterate';

const ask = (models: string[], extra: object = {}, more: object = {}) => ({
  params: { prompt: 'a lighthouse at dusk', duration_s: 5, ...extra },
  models,
  strict: false,
  ...more,
});

/** A demo backend with one finished run: Kling (delivers, billed) and fal's Sora 2 (fails: retired route). */
async function finishedRun() {
  vi.useFakeTimers();
  const fake = createFakeBackend({ pace: 0.01 });
  await fake.setDemo(true);
  const seen: ClipView[] = [];
  await fake.onClipUpdate((c) => seen.push(c));
  const run = await fake.startRun(ask(['kling-3.0-pro@kling', 'sora-2@fal', 'seedance-1.0-pro@replicate']));
  await vi.advanceTimersByTimeAsync(30_000);
  return { fake, run: await fake.getRun(run.run_id), seen };
}

describe('fake backend: takes', () => {
  afterEach(() => vi.useRealTimers());

  it('plans one clip per take, the asked seed counting up, the estimate scaled', async () => {
    const fake = createFakeBackend();
    const one = await fake.planRun(ask(['seedance-1.0-pro@replicate'], { seed: 41 }));
    const plan = await fake.planRun(ask(['seedance-1.0-pro@replicate'], { seed: 41 }, { takes: 3 }));
    expect(plan.clips.map((c) => [c.take, c.resolved.seed])).toEqual([[1, 41], [2, 42], [3, 43]]);
    expect(plan.estimated_cost_usd).toBeCloseTo(one.estimated_cost_usd * 3, 3);
  });

  it('says a route without a seed gets takes that differ only by chance', async () => {
    const fake = createFakeBackend();
    const plan = await fake.planRun(ask(['sora-2@fal'], {}, { takes: 2 }));
    expect(plan.clips.map((c) => c.take)).toEqual([1, 2]);
    expect(plan.clips[1].parity.map((n) => n.message)).toContain('this route takes no seed: its takes differ only by chance');
  });

  it('refuses takes outside 1–8 naming the field, like the core', async () => {
    const fake = createFakeBackend();
    for (const takes of [0, 9, 2.5]) {
      await expect(fake.planRun(ask(['seedance-1.0-pro@replicate'], {}, { takes }))).rejects.toEqual({
        code: 'invalid_input',
        message: `takes: '${takes}' is not valid; allowed values: 1–8`,
        field: 'takes',
      });
    }
  });
});

describe('fake backend: re-runs and the iteration', () => {
  afterEach(() => vi.useRealTimers());

  it('re-runs only what did not deliver, recording the parent', async () => {
    const { fake, run } = await finishedRun();
    expect(run.clips.map((c) => c.status)).toEqual(['succeeded', 'failed', 'succeeded']);
    const plan = await fake.planRerun({ run_id: run.run_id, failed_only: true, models: [] });
    expect(plan.clips.map((c) => `${c.model}@${c.route}`)).toEqual(['sora-2@fal']);
    expect(plan.parent_run_id).toBe(run.run_id);
    const next = await fake.startRerun({ run_id: run.run_id.slice(-8), failed_only: false, models: ['kling-3.0-pro'], prompt: ' a lighthouse at night ' });
    expect(next).toMatchObject({ parent_run_id: run.run_id, prompt: 'a lighthouse at night' });
    expect(next.clips.map((c) => c.model)).toEqual(['kling-3.0-pro']);
  });

  it('refuses a re-run naming the field: unknown run, a model not in the run, nothing failed', async () => {
    const { fake, run } = await finishedRun();
    await expect(fake.planRerun({ run_id: 'nope', failed_only: false, models: [] })).rejects.toMatchObject({ field: 'run', message: "run: no run 'nope' in this library (see `dailies runs`)" });
    await expect(fake.planRerun({ run_id: run.run_id, failed_only: false, models: ['veo-3.1'] })).rejects.toMatchObject({
      field: 'model',
      message: "model: 'veo-3.1' is not valid; allowed values: kling-3.0-pro@kling, sora-2@fal, seedance-1.0-pro@replicate",
    });
    await expect(fake.planRerun({ run_id: run.run_id, failed_only: true, models: ['kling-3.0-pro'] })).rejects.toMatchObject({
      field: 'failed',
      message: `failed: nothing to re-run; no clip of run ${run.run_id.slice(-8)} failed or was canceled`,
    });
  });

  it('lists the lineage oldest first with its cost split into billed and estimated, and diffs the prompt', async () => {
    const { fake, run } = await finishedRun();
    const second = await fake.startRerun({ run_id: run.run_id, failed_only: false, models: ['kling-3.0-pro@kling'], prompt: 'a lighthouse at night' });
    await vi.advanceTimersByTimeAsync(30_000);
    const iteration = await fake.runIteration(second.run_id);
    expect(iteration.versions.map((v) => v.run_id)).toEqual([run.run_id, second.run_id]);
    const [first, next] = iteration.versions;
    const kling = run.clips[0].cost_usd!;
    const seedance = run.clips[2].cost_usd!;
    // Kling reports its deduction (billed); Replicate reports no charge (estimated).
    const billed = run.clips.filter((c) => c.billed_cost_usd != null).reduce((sum, c) => sum + c.cost_usd!, 0);
    expect(billed).toBeCloseTo(kling, 6);
    expect(first).toMatchObject({ clip_count: 3, succeeded: 2 });
    expect(first.cost_billed_usd).toBeCloseTo(billed, 6);
    expect(first.cost_usd).toBeCloseTo(kling + seedance, 6);
    expect(next).toMatchObject({ parent_run_id: run.run_id, clip_count: 1, succeeded: 1 });
    expect(iteration.total_billed_usd).toBeCloseTo(billed + kling, 3);
    expect(iteration.total_cost_usd).toBeCloseTo(kling * 2 + seedance, 3);
    expect(iteration.prompt_diff).toEqual([
      { kind: 'same', text: 'a lighthouse at ' },
      { kind: 'removed', text: 'dusk' },
      { kind: 'inserted', text: 'night' },
    ]);
    expect((await fake.runIteration(run.run_id)).prompt_diff).toEqual([]);
  });
});

describe('wordDiff', () => {
  it('keeps the spaces with the words so the parts read back to either prompt', () => {
    const changes = wordDiff('a red car in rain', 'a blue car in heavy rain');
    expect(changes.filter((c) => c.kind !== 'inserted').map((c) => c.text).join('')).toBe('a red car in rain');
    expect(changes.filter((c) => c.kind !== 'removed').map((c) => c.text).join('')).toBe('a blue car in heavy rain');
    expect(changes.filter((c) => c.kind === 'inserted').map((c) => c.text.trim())).toEqual(['blue', 'heavy']);
  });
});
