import { describe, expect, it, vi } from 'vitest';
import { makeClip, makeRun } from '../../../test/fixtures';
import { useBackend, type Backend } from '../../ipc/backend';
import { createFakeBackend } from '../../ipc/fake';
import { RunStore } from './runStore.svelte';

describe('RunStore', () => {
  it('keeps clip updates that beat start_run and merges them when the run opens', async () => {
    let emit: (clip: ReturnType<typeof makeClip>) => void = () => {};
    let resolveStart: (run: ReturnType<typeof makeRun>) => void = () => {};
    const fake: Backend = {
      ...createFakeBackend(),
      onClipUpdate: async (cb) => {
        emit = cb;
        return () => {};
      },
      startRun: () => new Promise((resolve) => (resolveStart = resolve)),
    };
    useBackend(fake);
    const runs = new RunStore();
    await runs.init();
    const started = runs.start({ params: { prompt: 'x' }, models: ['kling-3.0-pro'], strict: false });
    emit(makeClip({ status: 'queued', queue_position: 2 }));
    resolveStart(makeRun()); // its clip is still "pending"
    expect(await started).toBeNull();
    expect(runs.open?.clips[0].status).toBe('queued');
    expect(runs.open?.clips[0].queue_position).toBe(2);
  });

  it('returns the start error for the form to show', async () => {
    useBackend(createFakeBackend()); // demo off, no keys
    const runs = new RunStore();
    await runs.init();
    const error = await runs.start({ params: { prompt: 'x' }, models: ['kling-3.0-pro@fal'], strict: false });
    expect(error?.code).toBe('invalid_input');
    expect(error?.message).toMatch(/^keys: no key for route 'fal'/);
    expect(runs.open).toBeNull();
  });

  it('reads no run list at launch (the library does) and re-reads only a background run whose clip ended', async () => {
    vi.useFakeTimers();
    try {
      let emit: (clip: ReturnType<typeof makeClip>) => void = () => {};
      const base = createFakeBackend({ sample: true });
      const fake: Backend = {
        ...base,
        onClipUpdate: async (cb) => {
          emit = cb;
          return () => {};
        },
        listRuns: vi.fn(base.listRuns),
        getRun: vi.fn(base.getRun),
      };
      useBackend(fake);
      const runs = new RunStore();
      await runs.init();
      expect(fake.listRuns).not.toHaveBeenCalled();
      expect(runs.history).toEqual([]);

      await runs.openRun('run_sample_1');
      await runs.openRun('run_sample_2'); // sample 1 is now in the background
      const background = (await base.getRun('run_sample_1')).clips[0];
      vi.mocked(fake.getRun).mockClear();
      emit({ ...background, status: 'succeeded' });
      emit({ ...background, status: 'succeeded' }); // one burst, one read
      await vi.advanceTimersByTimeAsync(500);
      expect(vi.mocked(fake.getRun).mock.calls).toEqual([['run_sample_1']]);
      expect(fake.listRuns).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});
