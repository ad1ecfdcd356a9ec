import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { makeClip, makeModel, makeRun } from '../../../test/fixtures';
import { useBackend, type Backend } from '../../ipc/backend';
import { createFakeBackend } from '../../ipc/fake';
import { LibraryStore } from '../library/libraryStore.svelte';
import { RunStore } from '../run/runStore.svelte';
import HistoryList from './HistoryList.svelte';

const runLines = () => [...document.querySelectorAll<HTMLElement>('[data-run-id]')];

async function stores() {
  const runs = new RunStore();
  const library = new LibraryStore();
  await Promise.all([runs.init(), library.init()]);
  return { runs, library };
}

describe('HistoryList', () => {
  it('lists past runs with prompt, models, cost and outcome counts', async () => {
    useBackend(createFakeBackend({ sample: true }));
    const { runs, library } = await stores();
    render(HistoryList, { runs, library, models: [makeModel()] });
    const items = runLines();
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('A lighthouse keeper climbs');
    expect(items[0]).toHaveTextContent('Kling 3.0 Pro');
    expect(items[0]).toHaveTextContent('est. $5.24'); // fal, OpenAI and Google report no charge
    expect(items[0]).toHaveTextContent('3 ✓');
    expect(items[0]).toHaveTextContent('1 ✗');
    expect(items[0]).toHaveTextContent('2 h ago');
  });

  it('reopens a run with get_run when clicked', async () => {
    const fake = createFakeBackend({ sample: true });
    const getRun = vi.spyOn(fake, 'getRun');
    useBackend(fake);
    const { runs, library } = await stores();
    render(HistoryList, { runs, library, models: [] });
    const espresso = screen.getByRole('button', { name: /espresso/ });
    await fireEvent.click(espresso);
    await waitFor(() => expect(runs.open?.run_id).toBe('run_sample_1'));
    expect(getRun).toHaveBeenCalledWith('run_sample_1');
    expect(runs.open?.clips.map((c) => c.model)).toEqual(['kling-3.0-standard', 'kling-3.0-pro', 'hailuo-02-standard']);
    expect(espresso).toHaveAttribute('aria-current', 'true');
  });

  it('puts a new run at the top and keeps its line current from clip updates', async () => {
    const listeners: ((clip: ReturnType<typeof makeClip>) => void)[] = [];
    const emit = (clip: ReturnType<typeof makeClip>) => listeners.forEach((listener) => listener(clip));
    const fake: Backend = {
      ...createFakeBackend(),
      onClipUpdate: async (cb) => {
        listeners.push(cb);
        return () => {};
      },
      startRun: async () => makeRun({ run_id: 'run_new', prompt: 'a brand new run', clips: [makeClip({ run_id: 'run_new' })] }),
    };
    useBackend(fake);
    const { runs, library } = await stores();
    render(HistoryList, { runs, library, models: [makeModel()] });
    await runs.start({ params: { prompt: 'a brand new run' }, models: ['kling-3.0-pro@fal'], strict: false });
    const first = () => runLines()[0];
    await waitFor(() => expect(first()).toHaveTextContent('a brand new run'));
    expect(first()).toHaveTextContent('1 running');
    emit(makeClip({ run_id: 'run_new', status: 'succeeded', cost_usd: 0.84 }));
    await waitFor(() => expect(first()).toHaveTextContent('1 ✓'));
    expect(first()).toHaveTextContent('$0.84');
    expect(runs.open?.clips[0].status).toBe('succeeded');
  });

  it('teaches what the library is when it is empty', async () => {
    useBackend(createFakeBackend());
    const { runs, library } = await stores();
    render(HistoryList, { runs, library, models: [] });
    expect(screen.getByText(/Every run is kept here/)).toBeInTheDocument();
  });

  it('narrows runs by a filter from the filter row, and says which filter is wrong', async () => {
    useBackend(createFakeBackend({ sample: true }));
    const { runs, library } = await stores();
    render(HistoryList, { runs, library, models: [] });
    await fireEvent.click(screen.getByRole('button', { name: 'Filters' }));
    await fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'unknown' } });
    await waitFor(() => expect(runLines().map((l) => l.dataset.runId)).toEqual(['run_sample_1']));
    expect(screen.getByRole('button', { name: /^Filters/ })).toHaveTextContent('Filters 1');
    await fireEvent.change(screen.getByLabelText('Since'), { target: { value: '2026-12-09' } });
    await fireEvent.change(screen.getByLabelText('Until'), { target: { value: '2026-12-01' } });
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(/until/));
    await fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(runLines()).toHaveLength(2));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('loads the next page of runs on demand', async () => {
    const fake = createFakeBackend({ pace: 0.01 });
    await fake.setDemo(true);
    for (let i = 0; i < 65; i++) await fake.startRun({ params: { prompt: `shot ${i}` }, models: ['kling-3.0-pro@fal'] });
    useBackend(fake);
    const runs = new RunStore();
    const library = new LibraryStore();
    await library.reload();
    render(HistoryList, { runs, library, models: [] });
    expect(runLines()).toHaveLength(60);
    await fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(runLines()).toHaveLength(65));
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });
});
