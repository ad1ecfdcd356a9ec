import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { makeClip, makeModel, makeRun } from '../../../test/fixtures';
import { useBackend, type Backend } from '../../ipc/backend';
import { createFakeBackend } from '../../ipc/fake';
import { RunStore } from '../run/runStore.svelte';
import HistoryList from './HistoryList.svelte';

describe('HistoryList', () => {
  it('lists past runs with prompt, models, cost and outcome counts', async () => {
    useBackend(createFakeBackend({ sample: true }));
    const runs = new RunStore();
    await runs.init();
    render(HistoryList, { runs, models: [makeModel()] });
    const items = screen.getAllByRole('button');
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
    const runs = new RunStore();
    await runs.init();
    render(HistoryList, { runs, models: [] });
    const espresso = screen.getByRole('button', { name: /espresso/ });
    await fireEvent.click(espresso);
    await waitFor(() => expect(runs.open?.run_id).toBe('run_sample_1'));
    expect(getRun).toHaveBeenCalledWith('run_sample_1');
    expect(runs.open?.clips.map((c) => c.model)).toEqual(['kling-3.0-standard', 'kling-3.0-pro', 'hailuo-02-standard']);
    expect(espresso).toHaveAttribute('aria-current', 'true');
  });

  it('puts a new run at the top and keeps its line current from clip updates', async () => {
    let emit: (clip: ReturnType<typeof makeClip>) => void = () => {};
    const fake: Backend = {
      ...createFakeBackend(),
      onClipUpdate: async (cb) => {
        emit = cb;
        return () => {};
      },
      startRun: async () => makeRun({ run_id: 'run_new', prompt: 'a brand new run', clips: [makeClip({ run_id: 'run_new' })] }),
    };
    useBackend(fake);
    const runs = new RunStore();
    await runs.init();
    render(HistoryList, { runs, models: [makeModel()] });
    await runs.start({ params: { prompt: 'a brand new run' }, models: ['kling-3.0-pro@fal'], strict: false });
    const first = () => screen.getAllByRole('button')[0];
    await waitFor(() => expect(first()).toHaveTextContent('a brand new run'));
    expect(first()).toHaveTextContent('1 running');
    emit(makeClip({ run_id: 'run_new', status: 'succeeded', cost_usd: 0.84 }));
    await waitFor(() => expect(first()).toHaveTextContent('1 ✓'));
    expect(first()).toHaveTextContent('$0.84');
    expect(runs.open?.clips[0].status).toBe('succeeded');
  });

  it('teaches what the library is when it is empty', async () => {
    useBackend(createFakeBackend());
    const runs = new RunStore();
    await runs.init();
    render(HistoryList, { runs, models: [] });
    expect(screen.getByText(/Every run is kept here/)).toBeInTheDocument();
  });
});
