import { describe, expect, it } from 'vitest';
import { useBackend } from '../../ipc/backend';
import type { LibraryQuery, RunPage } from '../../ipc/bindings.gen';
import { createFakeBackend } from '../../ipc/fake';
import { LibraryStore } from './libraryStore.svelte';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const page = (prompt: string): RunPage => ({
  runs: [{ run_id: prompt, prompt, created_at: '2026-12-01T00:00:00Z', models: [], clip_count: 0, succeeded: 0, failed: 0, running: 0,
    estimated_cost_usd: 0, cost_usd: 0, cost_billed_usd: 0, cost_estimated_usd: 0, demo: false, best_rating: null, parent_run_id: null, winner_clip_id: null }],
  next_cursor: null,
});

describe('LibraryStore', () => {
  it('drops an answer to an older query that arrives after the newer one', async () => {
    const answers = new Map<string, ReturnType<typeof deferred<RunPage>>>();
    const asked: string[] = [];
    useBackend({
      ...createFakeBackend(),
      searchRunPage: (q: LibraryQuery) => {
        asked.push(q.text ?? '');
        const d = deferred<RunPage>();
        answers.set(q.text ?? '', d);
        return d.promise;
      },
    });
    const store = new LibraryStore();
    store.filters.text = 'lig';
    const older = store.reload();
    store.filters.text = 'lighthouse';
    const newer = store.reload();
    expect(asked).toEqual(['lig', 'lighthouse']);
    answers.get('lighthouse')!.resolve(page('lighthouse'));
    await newer;
    answers.get('lig')!.resolve(page('lig'));
    await older;
    expect(store.runs.map((r) => r.prompt)).toEqual(['lighthouse']);
    expect(store.loading).toBe(false);
  });

  it('pages through runs with the cursor, then stops', async () => {
    const fake = createFakeBackend({ pace: 0.01 });
    await fake.setDemo(true);
    for (let i = 0; i < 70; i++) await fake.startRun({ params: { prompt: `take ${i}` }, models: ['kling-3.0-pro@fal'] });
    useBackend(fake);
    const store = new LibraryStore();
    await store.reload();
    expect(store.runs).toHaveLength(60);
    expect(store.cursor).not.toBeNull();
    await store.loadMore();
    expect(store.runs).toHaveLength(70);
    expect(new Set(store.runs.map((r) => r.run_id)).size).toBe(70);
    expect(store.cursor).toBeNull();
  });

  it('shows a bad filter as an error naming it', async () => {
    useBackend(createFakeBackend());
    const store = new LibraryStore();
    store.filters.since = '2026-12-09';
    store.filters.until = '2026-12-01';
    await store.reload();
    expect(store.error?.message).toMatch(/until/);
  });
});
